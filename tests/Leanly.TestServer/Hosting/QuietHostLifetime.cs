using Microsoft.Extensions.Hosting;

namespace Leanly.TestServer.Hosting;

/// <summary>
/// Keeps the host from hooking Ctrl+C and SIGTERM: inside a test process those belong to the test runner,
/// and the executable handles them itself.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
