using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// A command to the site's DCS, sent as JSON on <c>sl/{tenant}/{site}/dcs/cmd</c>.
/// <see cref="LedgerPosition"/> is where the command (or its cancellation) was ledgered before it
/// was sent; <see cref="Cancels"/> names the command a <c>cancel</c> withdraws.
/// </summary>
public sealed record DcsCommand(
    string CommandId,
    string AlertId,
    string Tenant,
    string Site,
    string Action,
    string Reason,
    RiskLevel Level,
    double Confidence,
    DateTimeOffset IssuedAt,
    long LedgerPosition,
    string? Cancels = null)
{
    public const string CancelAction = "cancel";

    /// <summary>The service's signature, added when the command is sent (a plant gateway refuses a command without a valid one).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DcsSignature? Signature { get; init; }

    public static string Topic(string tenant, string site) => $"sl/{tenant}/{site}/dcs/cmd";
}
