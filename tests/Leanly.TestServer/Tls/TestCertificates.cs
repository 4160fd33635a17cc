using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Leanly.TestServer.Tls;

/// <summary>
/// The throw-away certificates of one test run, made with <see cref="CertificateRequest"/> into a folder the run owns:
/// a root CA that the run's processes trust (ca.pem, through SSL_CERT_FILE), and server certificates for each
/// listener. Nothing here is ever installed into a store.
/// </summary>
public static class TestCertificates
{
    public const string TrustedCaFile = "ca.pem";
    public const string LocalhostFile = "localhost.pfx";
    public const string OtherHostFile = "other-host.pfx";
    public const string ExpiredFile = "expired.pfx";
    public const string UntrustedFile = "untrusted.pfx";

    /// <summary>The name on the other-host certificate; nothing resolves it, so a client reaching 127.0.0.1 sees a mismatch.</summary>
    public const string OtherHostName = "other-host.leanly.test";

    public static void Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;
        using var ca = CreateAuthority("Leanly Test Root CA", now);
        using var stranger = CreateAuthority("Leanly Untrusted Test CA", now);
        File.WriteAllText(Path.Combine(directory, TrustedCaFile), ca.ExportCertificatePem() + "\n");
        Write(directory, LocalhostFile, Issue(ca, "localhost", true, now.AddDays(-1), now.AddDays(7)));
        Write(directory, OtherHostFile, Issue(ca, OtherHostName, false, now.AddDays(-1), now.AddDays(7)));
        Write(directory, ExpiredFile, Issue(ca, "localhost", true, now.AddDays(-30), now.AddDays(-2)));
        Write(directory, UntrustedFile, Issue(stranger, "localhost", true, now.AddDays(-1), now.AddDays(7)));
    }

    public static X509Certificate2 Load(string directory, string file) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, file), password: null);

    private static void Write(string directory, string file, X509Certificate2 certificate)
    {
        using (certificate)
        {
            File.WriteAllBytes(Path.Combine(directory, file), certificate.Export(X509ContentType.Pkcs12));
        }
    }

    private static X509Certificate2 CreateAuthority(string name, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-60), now.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string host, bool withLoopbackAddress, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        if (withLoopbackAddress)
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(issuer, notBefore, notAfter, serial);
        return certificate.CopyWithPrivateKey(key);
    }
}
