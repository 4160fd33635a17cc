using System.Runtime.InteropServices;
using System.Text.Json;
using Leanly.TestServer.Hosting;
using Leanly.TestServer.Tls;

namespace Leanly.TestServer;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine options;
        try
        {
            options = CommandLine.Parse(args, Environment.GetEnvironmentVariables());
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n\n{CommandLine.Usage}");
            return 2;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (options.MakeCertificatesDirectory is { } certificates)
        {
            TestCertificates.Create(certificates);
            Console.WriteLine(Path.Combine(Path.GetFullPath(certificates), TestCertificates.TrustedCaFile));
            return 0;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);

        LeanlyTestServer server;
        try
        {
            server = await LeanlyTestServer.StartAsync(
                options.Settings,
                new TestServerHostOptions { Port = options.Port, LogToStandardError = true, CertificateDirectory = options.CertificateDirectory });
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"Cannot start: {e.Message}");
            return 1;
        }

        await using var running = server;

        // Tests read this first line to learn where the server is.
        Console.Out.WriteLine(server.BaseUri.GetLeftPart(UriPartial.Authority));
        var addresses = new Dictionary<string, string>(server.Tls.Addresses()) { ["proxy"] = server.Tunnel.Uri.GetLeftPart(UriPartial.Authority), ["hostile"] = server.Hostile.Uri.GetLeftPart(UriPartial.Authority) };
        foreach (var (name, address) in server.Far.Addresses())
        {
            addresses[name] = address;
        }

        Console.Out.WriteLine(JsonSerializer.Serialize(addresses));
        Console.Out.Flush();

        if (options.ExitOnStdinClose)
        {
            _ = WaitForEndOfInputAsync(stop);
        }

        await stop.Task;
        return 0;

        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    /// <summary>A parent that dies closes our stdin; following it avoids orphaned servers.</summary>
    private static async Task WaitForEndOfInputAsync(TaskCompletionSource stop)
    {
        try
        {
            await using var input = Console.OpenStandardInput();
            var buffer = new byte[4096];
            while (await input.ReadAsync(buffer) > 0)
            {
            }
        }
        finally
        {
            stop.TrySetResult();
        }
    }
}
