namespace Leanly.TestServer.State;

/// <summary>The server-wide number behind <c>counter</c> and <c>increment</c>.</summary>
public sealed class ServerCounter
{
    private int value;

    public int Value => Volatile.Read(ref value);

    public int Add(int by) => Interlocked.Add(ref value, by);

    public void Reset() => Interlocked.Exchange(ref value, 0);
}
