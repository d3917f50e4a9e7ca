using System.Security.Claims;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.Log;

/// <summary>
/// Which ledger entries a caller may read: admin every entry; anyone else the entries of enterprises in its scope and
/// the log's own entries (anchors), never key entries of others.
/// </summary>
public sealed class EntryVisibility(AccessDirectory directory, IOptions<AnchoringOptions> anchoring)
{
    public bool CanSee(ClaimsPrincipal user, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Caller.From(user) is not { } caller)
        {
            return false;
        }

        return caller.Role == Roles.Admin
            || string.Equals(entry.Tenant, anchoring.Value.Tenant, StringComparison.Ordinal)
            || (!entry.StreamId.StartsWith(AccessEvents.KeyStreamPrefix, StringComparison.Ordinal) && caller.CanSee(entry.Tenant, directory));
    }
}
