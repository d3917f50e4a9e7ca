using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>Records an anchor in a closed data folder as the anchorer does: with the statement signed by the log's keys; no <c>Anchored</c> entry.</summary>
public static class SignedAnchors
{
    public static async Task RecordAsync(LedgerStorageOptions storage, CheckpointOptions checkpoints, AnchorRecord record)
    {
        using var signers = LogSigners.Load(checkpoints, storage.DataDirectory);
        var statement = AnchorStatement.Sign(checkpoints.Origin, record, signers.Signers);
        await new SqliteAnchorStore(storage).AddAsync(new StoredAnchor(record, 1, DateTimeOffset.UtcNow, statement), CancellationToken.None);
    }
}
