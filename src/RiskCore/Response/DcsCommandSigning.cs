using System.Text;
using System.Text.Json;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// The bytes a DCS command's signature covers: UTF-8 of nine lines, each ending in a line feed —
/// <c>safety-ledger/dcs-command/v1</c>, then commandId, alertId, tenant, site, action, reason, issuedAt and
/// cancels (empty when absent) exactly as they appear in the command's JSON, with any CR or LF inside a value
/// replaced by a space. Site and tenant are signed, so a command replayed to another site does not verify.
/// </summary>
public static class DcsCommandSigning
{
    public const string Header = "safety-ledger/dcs-command/v1";

    public static byte[] CanonicalBytes(DcsCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var issuedAt = JsonSerializer.Deserialize<string>(JsonSerializer.SerializeToUtf8Bytes(command.IssuedAt, AlertJson.Options))!;
        return CanonicalBytes(command.CommandId, command.AlertId, command.Tenant, command.Site, command.Action, command.Reason, issuedAt, command.Cancels);
    }

    public static byte[] CanonicalBytes(string commandId, string alertId, string tenant, string site, string action, string reason, string issuedAt, string? cancels)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var value in new[] { commandId, alertId, tenant, site, action, reason, issuedAt, cancels ?? string.Empty })
        {
            text.Append(value.Replace('\r', ' ').Replace('\n', ' ')).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
