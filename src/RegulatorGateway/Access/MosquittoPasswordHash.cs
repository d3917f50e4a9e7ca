using System.Security.Cryptography;
using System.Text;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// A secret hashed the way Mosquitto's password file wants it (<c>$7$</c>: PBKDF2-HMAC-SHA512, 101 iterations, a 12-byte
/// salt), recorded with device and DCS keys so an external broker's password file can be written from the ledger alone.
/// </summary>
public static class MosquittoPasswordHash
{
    private const int Iterations = 101;

    public static string Compute(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(12);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA512, 64);
        return FormattableString.Invariant($"$7${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }
}
