using System.Security.Cryptography;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Checks every recorded anchor: the log has a checkpoint of the anchored size with the anchored root, the
/// log's signed statement matches the record and, given a chain, the chain holds the anchor
/// (<see cref="IAnchorChain.VerifyAsync"/>). A failed chain check of an anchor is forgiven only when a later
/// record of the same chain, tree size and root passes (a re-send after a dropped or reorganised transaction).
/// </summary>
public sealed class AnchorAudit(IAnchorStore anchors, ICheckpointStore checkpoints, IReadOnlyList<NoteVerifier> verifiers, string origin)
{
    /// <summary>Audits all anchors; <paramref name="chainFor"/> gives the chain client for a record, or is null to stay offline.</summary>
    public async Task<AnchorAuditReport> AuditAsync(Func<AnchorRecord, IAnchorChain>? chainFor, CancellationToken cancellationToken)
    {
        var findings = new List<VerificationFinding>();
        var chainFailures = new List<(AnchorRecord Record, string Message)>();
        var passedOnChain = new List<AnchorRecord>();
        var count = 0;
        await foreach (var anchor in anchors.ListAsync(cancellationToken))
        {
            count++;
            var record = anchor.Record;
            findings.AddRange(await CheckAgainstLogAsync(anchor, cancellationToken));
            if (chainFor is null)
            {
                continue;
            }

            var failure = await CheckOnChainAsync(chainFor(record), record, cancellationToken);
            if (failure is null)
            {
                passedOnChain.Add(record);
            }
            else
            {
                chainFailures.Add((record, failure));
            }
        }

        foreach (var (record, message) in chainFailures)
        {
            if (!passedOnChain.Exists(later => later.ChainId == record.ChainId && later.TreeSize == record.TreeSize && later.Root.AsSpan().SequenceEqual(record.Root)))
            {
                findings.Add(new VerificationFinding(null, message));
            }
        }

        return new AnchorAuditReport(count, chainFor is not null, findings);
    }

    private static string Describe(AnchorRecord record) =>
        $"Anchor tx {record.TxHash} (chain {record.ChainId}, tree size {record.TreeSize})";

    private static async Task<string?> CheckOnChainAsync(IAnchorChain chain, AnchorRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var verification = await chain.VerifyAsync(record, cancellationToken);
            return verification.IsValid ? null : $"{Describe(record)}: not confirmed by the chain ({verification.Failure}): {verification.Reason}.";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Whatever the node answers (or not), the anchor is unverified: report it and go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return $"{Describe(record)}: could not be checked on the chain: {exception.Message}";
        }
    }

    private async Task<IReadOnlyList<VerificationFinding>> CheckAgainstLogAsync(StoredAnchor anchor, CancellationToken cancellationToken)
    {
        var record = anchor.Record;
        var findings = new List<VerificationFinding>();
        var checkpoint = await checkpoints.FirstAtOrAfterAsync(record.TreeSize, cancellationToken);
        if (checkpoint is null || checkpoint.TreeSize != record.TreeSize)
        {
            findings.Add(new VerificationFinding(null, $"{Describe(record)}: the log has no checkpoint of tree size {record.TreeSize}."));
        }
        else if (!CryptographicOperations.FixedTimeEquals(checkpoint.RootHash, record.Root))
        {
            findings.Add(new VerificationFinding(
                null,
                $"{Describe(record)}: the anchored root {Convert.ToBase64String(record.Root)} differs from our checkpoint's root {Convert.ToBase64String(checkpoint.RootHash)} at tree size {record.TreeSize}."));
        }

        if (verifiers.Count > 0 && !AnchorStatement.TryCheck(anchor.Statement, origin, record, verifiers, out var error))
        {
            findings.Add(new VerificationFinding(null, $"{Describe(record)}: {error}."));
        }

        return findings;
    }
}
