using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SafetyLedger.Ledger.Security;

/// <summary>
/// Checks a TLS server certificate against the system's roots or, when a CA file is configured, against that CA alone
/// (a private broker's own CA). Name mismatches and other policy errors always fail.
/// </summary>
public sealed class CertificateAuthorityTrust
{
    private readonly X509Certificate2? authority;

    public CertificateAuthorityTrust(string? caFile)
    {
        authority = string.IsNullOrEmpty(caFile) ? null : X509CertificateLoader.LoadCertificateFromFile(caFile);
    }

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (authority is null || certificate is null)
        {
            return errors == SslPolicyErrors.None;
        }

        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
