using System.Net;
using System.Text.Encodings.Web;
using GraphQL.SystemTextJson;
using Leanly.TestServer.Control;
using Leanly.TestServer.Faults;
using Leanly.TestServer.GraphQL;
using Leanly.TestServer.Hostile;
using Leanly.TestServer.Hosting;
using Leanly.TestServer.Proxy;
using Leanly.TestServer.State;
using Leanly.TestServer.Tls;
using Leanly.TestServer.Token;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;

namespace Leanly.TestServer;

/// <summary>
/// A Leanly-compatible OAuth2 + GraphQL server on 127.0.0.1, for tests:
/// <c>await using var server = await LeanlyTestServer.StartAsync();</c>
/// </summary>
public sealed class LeanlyTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerState _state;
    private readonly ForwardProxy _proxy;

    private LeanlyTestServer(WebApplication app, ServerState state, ForwardProxy proxy, Uri baseUri, TlsListeners tls, TunnelProxy tunnel, FarListeners far, HostileListener hostile)
    {
        Far = far;
        Hostile = hostile;
        _app = app;
        _state = state;
        _proxy = proxy;
        BaseUri = baseUri;
        Tls = tls;
        Tunnel = tunnel;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with a trailing slash).</summary>
    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    public Uri TokenUri => new(BaseUri, "token");

    public Uri GraphQLUri => new(BaseUri, "graphql");

    public Uri ControlUri => new(BaseUri, "control/");

    /// <summary>The live settings (the instance passed to <see cref="StartAsync"/>); changes apply at once.</summary>
    public TestServerSettings Settings => _state.Settings;

    public TestServerStats Stats => _state.Stats;

    public FaultQueue Faults => _state.Faults;

    public TokenStore Tokens => _state.Tokens;

    public ServerCounter Counter => _state.Counter;

    /// <summary>The HTTPS listeners (none unless <see cref="TestServerHostOptions.CertificateDirectory"/> is set) and their counters.</summary>
    public TlsListeners Tls { get; }

    /// <summary>The CONNECT-capable forward proxy on its own port.</summary>
    public TunnelProxy Tunnel { get; }

    public TrafficRecorder Traffic => _state.Traffic;

    /// <summary>The plain and HTTPS listeners again, a settable network round trip away (httpFar, httpsFar).</summary>
    public FarListeners Far { get; }

    /// <summary>Hand-written HTTP/1.1 for the broken answers Kestrel cannot send (see <see cref="HostileListener"/>).</summary>
    public HostileListener Hostile { get; }

    public static async Task<LeanlyTestServer> StartAsync(
        TestServerSettings? settings = null,
        TestServerHostOptions? hostOptions = null,
        CancellationToken cancellationToken = default)
    {
        settings ??= new TestServerSettings();
        hostOptions ??= new TestServerHostOptions();
        var problem = settings.Validate();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        var state = new ServerState(settings, hostOptions.TimeProvider);
        var tls = new TlsListeners(hostOptions.CertificateDirectory);
        var app = BuildHost(hostOptions, tls);
        var proxy = new ForwardProxy();
        var tunnel = new TunnelProxy();
        var far = new FarListeners();
        var dispatcher = CreateDispatcher(state, proxy, app.Services.GetRequiredService<ILoggerFactory>());
        var network = new NetworkControl(tls, tunnel, far);
        app.Use(network.InvokeAsync);
        app.Run(dispatcher.InvokeAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            proxy.Dispose();
            await tunnel.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        var baseUri = new Uri(address.TrimEnd('/') + "/");
        var nearListeners = new Dictionary<string, (string, int)>(StringComparer.Ordinal) { ["httpFar"] = ("http", baseUri.Port) };
        if (tls.Addresses().TryGetValue("https", out var https))
        {
            nearListeners["httpsFar"] = ("https", new Uri(https).Port);
        }

        far.Start(nearListeners);

        return new LeanlyTestServer(app, state, proxy, baseUri, tls, tunnel, far, new HostileListener());
    }

    /// <summary>Back to the startup settings, no stats, no faults, counter 0; issued tokens stay as they are.</summary>
    public void Reset() => _state.Reset();

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // In-flight requests (a hang fault, a slow field) get a moment, then their connections are aborted.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await _app.StopAsync(timeout.Token);
        }

        await _app.DisposeAsync();
        _proxy.Dispose();
        await Tunnel.DisposeAsync();
        await Far.DisposeAsync();
        await Hostile.DisposeAsync();
    }

    private static WebApplication BuildHost(TestServerHostOptions hostOptions, TlsListeners tls)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LeanlyTestServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, hostOptions.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    tls.Counters["http"].CountConnection();
                    return next(connection);
                });
            });
            tls.Configure(kestrel);
        });
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        if (hostOptions.LogToStandardError)
        {
            // Standard output carries only the base URL line, so every log line goes to standard error.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // start failures surface as exceptions
        }

        return builder.Build();
    }

    private static RequestDispatcher CreateDispatcher(ServerState state, ForwardProxy proxy, ILoggerFactory loggers)
    {
        var serializer = new GraphQLSerializer(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var faults = new FaultResponder(state.Stats);
        return new RequestDispatcher(
            state,
            new TokenEndpoint(state, faults),
            new GraphQLEndpoint(state, faults, new GraphQLExecutor(serializer)),
            new ControlEndpoint(state),
            proxy,
            loggers.CreateLogger<LeanlyTestServer>());
    }
}
