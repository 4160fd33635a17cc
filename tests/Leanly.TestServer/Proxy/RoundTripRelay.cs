using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Leanly.TestServer.Proxy;

/// <summary>
/// A TCP relay in front of one of the server's listeners that puts it a network round trip away, as Leanly is on the
/// internet: every chunk of bytes reaches the other side half a round trip after it was sent, and a new connection's
/// first bytes wait one round trip more (the TCP handshake a real connection makes before it can send anything).
/// So a request on an open connection costs one round trip and a new HTTPS connection three (TCP, TLS 1.3, the
/// request): the cost of opening connections that a delay inside the server cannot show. Order is kept per direction.
/// </summary>
public sealed class RoundTripRelay : IAsyncDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private const int WindowChunks = 64;

    private readonly IPEndPoint _target;
    private readonly Func<int> _roundTripMs;
    private readonly LoopbackAcceptor _acceptor;
    private int _connections;

    /// <param name="target">The listener the relay stands in front of.</param>
    /// <param name="roundTripMs">The round trip now (0 relays at once); read for every chunk, so a change applies at once.</param>
    public RoundTripRelay(IPEndPoint target, Func<int> roundTripMs)
    {
        _target = target;
        _roundTripMs = roundTripMs;
        _acceptor = new LoopbackAcceptor(ServeAsync);
    }

    public int Port => _acceptor.Port;

    /// <summary>TCP connections opened through the relay since the last reset.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void ResetConnections() => Interlocked.Exchange(ref _connections, 0);

    public ValueTask DisposeAsync() => _acceptor.DisposeAsync();

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref _connections);
        using (client)
        using (var upstream = new TcpClient())
        using (var connection = CancellationTokenSource.CreateLinkedTokenSource(_acceptor.Stopping))
        {
            try
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await upstream.ConnectAsync(_target, connection.Token);
                var handshakeMs = _roundTripMs();
                await Task.WhenAll(
                    PumpAsync(client.GetStream(), upstream.GetStream(), handshakeMs, connection),
                    PumpAsync(upstream.GetStream(), client.GetStream(), 0, connection));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away; the connection simply ends.
            }
        }
    }

    /// <summary>
    /// Reads from one side and hands each chunk to a writer that sends it on once its half round trip has passed, so
    /// reading never waits for the delay (a real network carries many packets at once). A failure in either direction
    /// ends the whole connection.
    /// </summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, int firstExtraMs, CancellationTokenSource connection)
    {
        // Bounded like a TCP window: a receiver that stops reading stops the sender, instead of the relay buffering without end.
        var inFlight = Channel.CreateBounded<(long DueTimestamp, byte[] Bytes)>(new BoundedChannelOptions(WindowChunks) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var delivering = DeliverAsync(inFlight.Reader, to, connection);
        try
        {
            var extraMs = firstExtraMs;
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await from.ReadAsync(buffer, connection.Token)) > 0)
            {
                var delay = TimeSpan.FromMilliseconds((_roundTripMs() / 2.0) + extraMs);
                extraMs = 0;
                await inFlight.Writer.WriteAsync((Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency), buffer[..read]), connection.Token);
            }
        }
        catch
        {
            await connection.CancelAsync();
            throw;
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await delivering;
        }
    }

    private static async Task DeliverAsync(ChannelReader<(long DueTimestamp, byte[] Bytes)> inFlight, NetworkStream to, CancellationTokenSource connection)
    {
        try
        {
            await foreach (var (dueTimestamp, bytes) in inFlight.ReadAllAsync(connection.Token))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueTimestamp);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, connection.Token);
                }

                await to.WriteAsync(bytes, connection.Token);
            }

            // This direction finished: pass the end on, so the connection closes as a whole.
            to.Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            await connection.CancelAsync();
        }
    }
}
