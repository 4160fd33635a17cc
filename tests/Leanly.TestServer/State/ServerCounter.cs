namespace Leanly.TestServer.State;

/// <summary>The server-wide number behind <c>counter</c> and <c>increment</c>.</summary>
public sealed class ServerCounter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public int Add(int by) => Interlocked.Add(ref _value, by);

    public void Reset() => Interlocked.Exchange(ref _value, 0);
}
