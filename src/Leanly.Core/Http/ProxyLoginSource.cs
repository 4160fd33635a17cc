namespace Leanly.Http;

/// <summary>Where the proxy's user name and password came from, so that a refusal says where to fix them.</summary>
public enum ProxyLoginSource
{
    /// <summary>None given to LeanlyPS (the environment's proxy address may still hold one).</summary>
    None,

    /// <summary>Connect-Leanly -ProxyCredential.</summary>
    ProxyCredential,

    /// <summary>The -Proxy address itself (http://user:password@proxy:8080).</summary>
    ProxyAddress,
}
