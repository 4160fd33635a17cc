using Leanly.TestServer.Faults;

namespace Leanly.TestServer.State;

/// <summary>Everything one server instance shares between its endpoints.</summary>
internal sealed class ServerState(TestServerSettings settings, TimeProvider time)
{
    public TestServerSettings Settings { get; } = settings;

    public TestServerSettings StartupSettings { get; } = settings.Clone();

    public TestServerStats Stats { get; } = new();

    public FaultQueue Faults { get; } = new();

    public TokenStore Tokens { get; } = new(time);

    public ServerCounter Counter { get; } = new();

    public TrafficRecorder Traffic { get; } = new();

    /// <summary>Back to the state right after start; tokens issued so far stay as they are.</summary>
    public void Reset()
    {
        Stats.Reset();
        Faults.Clear();
        Settings.CopyFrom(StartupSettings);
        Counter.Reset();
        Traffic.Reset();
    }
}
