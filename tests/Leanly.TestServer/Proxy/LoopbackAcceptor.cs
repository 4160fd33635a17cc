using System.Net;
using System.Net.Sockets;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// A TCP listener on a free loopback port that hands every connection it accepts to <c>serve</c>, each on its own,
/// until disposed. What the proxy and the relays share.
/// </summary>
internal sealed class LoopbackAcceptor : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public LoopbackAcceptor(Func<TcpClient, Task> serve)
    {
        _listener.Start();
        _accepting = AcceptAsync(serve);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Cancelled when the acceptor is disposed: connections being served end with it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(Func<TcpClient, Task> serve)
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = serve(client);
        }
    }
}
