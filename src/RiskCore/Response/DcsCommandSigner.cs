using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.RiskCore.Response;

/// <summary>Signs DCS commands with the log's main key (Ed25519 is deterministic: a re-sent command carries the same signature).</summary>
public sealed class DcsCommandSigner(LogSigners signers)
{
    public DcsCommand Sign(DcsCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var signer = signers.Signers[0];
        var signature = signer.Sign(DcsCommandSigning.CanonicalBytes(command));
        return command with { Signature = new DcsSignature(signer.Name, signer.KeyHash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), Convert.ToBase64String(signature)) };
    }
}
