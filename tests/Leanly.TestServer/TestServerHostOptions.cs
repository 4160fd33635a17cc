namespace Leanly.TestServer;

/// <summary>How the server is hosted; fixed for the life of a server.</summary>
public sealed class TestServerHostOptions
{
    /// <summary>Loopback port to bind; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Clock for token lifetimes; tests may pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Writes warnings and errors to standard error (the executable does; in-process use stays silent).</summary>
    public bool LogToStandardError { get; init; }

    /// <summary>A folder made by <see cref="Tls.TestCertificates.Create"/>: when set, the HTTPS listeners start too.</summary>
    public string? CertificateDirectory { get; init; }
}
