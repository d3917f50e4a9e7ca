using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Background service that anchors the latest signed checkpoint on the chain when the log grew beyond the
/// last anchor (and its own <c>Anchored</c> entry) and <see cref="AnchoringOptions.Period"/> or
/// <see cref="AnchoringOptions.EntryCount"/> has passed: one transaction per anchor, confirmed, recorded in
/// the <see cref="IAnchorStore"/> with the log's signed statement, and appended to the ledger as an
/// <c>Anchored</c> entry of stream <c>anchor-{chainId}</c> so that the next checkpoint covers it.
/// Chain or RPC failures are retried with exponential back-off; appends never wait for the chain, and
/// after an outage the newest checkpoint is anchored (it covers the older ones by consistency). Before
/// each new anchor, after start and after every failure, the last recorded anchor is checked again and
/// re-sent when its transaction was dropped or reorganised away.
/// At start it appends the <c>Anchored</c> entries of records whose entry a crash lost, and checks the store against
/// every anchor on the chain (<see cref="OnChainAnchorAudit"/>): a store the chain contradicts (rolled back, or not
/// the anchored one) makes start fail with <see cref="ChainContradictsStoreException"/>. When the chain cannot be
/// reached within <see cref="AnchoringOptions.StartCheckTimeout"/> the check is made before the first anchor, and a
/// contradiction found then stops the host.
/// </summary>
public sealed partial class Anchorer(
    IAnchorChainConnector connector,
    IAnchorStore anchors,
    ICheckpointStore checkpoints,
    IEventStore events,
    IMerkleLog log,
    LogSigners signers,
    IOptions<CheckpointOptions> checkpointOptions,
    IOptions<AnchoringOptions> options,
    AnchoringMetrics metrics,
    TimeProvider time,
    ILogger<Anchorer> logger) : BackgroundService
{
    public const string EventType = AnchoredEntries.EventType;

    private const int MaxResends = 3;

    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly AnchoredEntries entries = new(events, options.Value.Tenant);
    private bool recheckLatest = true;
    private bool historyChecked;
    private int failures;

    /// <summary>The ledger stream that holds the anchors made on chain <paramref name="chainId"/>.</summary>
    public static string StreamId(long chainId) => AnchoredEntries.StreamId(chainId);

    /// <summary>
    /// Checks the store against the chain (bounded by <see cref="AnchoringOptions.StartCheckTimeout"/>) and appends lost
    /// <c>Anchored</c> entries before the anchoring loop starts; throws <see cref="ChainContradictsStoreException"/>
    /// when the chain contradicts the store.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using var bounded = new CancellationTokenSource(options.Value.StartCheckTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bounded.Token);
            try
            {
                await CheckHistoryAsync(linked.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A chain that is down or slow delays the check to the first pass; only a contradiction stops start.
            catch (Exception exception) when (exception is not ChainContradictsStoreException)
#pragma warning restore CA1031
            {
                LogHistoryDeferred(exception, options.Value.StartCheckTimeout);
            }

            foreach (var (record, position) in await entries.AppendMissingAsync(anchors, cancellationToken))
            {
                LogEntryRestored(record.TxHash, record.TreeSize, position);
            }
        }
        finally
        {
            oneAtATime.Release();
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// One pass: re-sends the last anchor if the chain lost it, else anchors the latest checkpoint if due. Returns what it
    /// recorded. Safe to call while the service runs (passes never overlap: one sender per key).
    /// </summary>
    public async Task<StoredAnchor?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunPassAsync(cancellationToken);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public override void Dispose()
    {
        oneAtATime.Dispose();
        base.Dispose();
    }

    private async Task<StoredAnchor?> RunPassAsync(CancellationToken cancellationToken)
    {
        await CheckHistoryAsync(cancellationToken);
        var latest = await checkpoints.LatestAsync(cancellationToken);
        var last = await anchors.LatestAsync(cancellationToken);
        await ObserveAsync(latest, last, cancellationToken);
        var due = latest is not null && IsDue(latest, last);

        // Before each new anchor (and after start or a failure), the last one must still be on the chain.
        if (last is not null && (recheckLatest || due))
        {
            var chain = await connector.ConnectAsync(cancellationToken);
            var inclusion = await chain.CheckInclusionAsync(last.Record, cancellationToken);
            recheckLatest = false;
            if (inclusion.ShouldResend)
            {
                LogLost(last.Record.TxHash, last.Record.TreeSize, inclusion.Status);
                return await ResendLostAsync(chain, last, cancellationToken);
            }
        }

        recheckLatest = false;
        if (!due || latest is null)
        {
            return null;
        }

        var connected = await connector.ConnectAsync(cancellationToken);
        return await AnchorAsync(connected, latest.RootHash, latest.TreeSize, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await RunOnceAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(failures);
                }

                failures = 0;
                delay = options.Value.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure (chain down, RPC error, timeout) is retried after a back-off; appends go on.
            catch (Exception exception) when (exception is not ChainContradictsStoreException)
#pragma warning restore CA1031
            {
                failures++;
                recheckLatest = true;
                metrics.Failed();
                delay = Backoff(failures);
                LogFailed(exception, failures, delay);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Once per start: every anchor of the contract on the chain must agree with the store's tree (nothing to check before the first deployment).</summary>
    private async Task CheckHistoryAsync(CancellationToken cancellationToken)
    {
        if (historyChecked)
        {
            return;
        }

        if (await connector.ConnectExistingAsync(cancellationToken) is { } chain)
        {
            var history = await chain.ListAnchorsAsync(cancellationToken);
            var findings = OnChainAnchorAudit.Check(history, log);
            if (findings.Count > 0)
            {
                var contradiction = new ChainContradictsStoreException(findings);
                LogContradicted(contradiction.Message);
                throw contradiction;
            }

            LogHistoryChecked(history.Anchors.Count, history.Contract, history.FromBlock, history.ToBlock, log.Size);
        }

        historyChecked = true;
    }

    private TimeSpan Backoff(int failureCount)
    {
        var min = options.Value.RetryMinDelay;
        var max = options.Value.RetryMaxDelay;
        var ticks = min.Ticks * Math.Pow(2, Math.Min(failureCount - 1, 30));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    private bool IsDue(StoredCheckpoint latest, StoredAnchor? last)
    {
        if (last is null)
        {
            return true;
        }

        // Entries beyond the last anchor other than that anchor's own Anchored entry: an idle log is not re-anchored forever.
        var grown = latest.TreeSize - last.Record.TreeSize - 1;
        return grown >= 1 && (grown >= options.Value.EntryCount || time.GetUtcNow() - last.RecordedAt >= options.Value.Period);
    }

    private async Task ObserveAsync(StoredCheckpoint? latest, StoredAnchor? last, CancellationToken cancellationToken)
    {
        var anchored = last?.Record.TreeSize ?? 0;
        var oldest = latest is not null && latest.TreeSize > anchored
            ? (await checkpoints.FirstAtOrAfterAsync(anchored + 1, cancellationToken))?.IssuedAt
            : null;
        metrics.Observe(anchored, oldest);
    }

    /// <summary>
    /// Re-sends <paramref name="last"/> and every earlier anchor of its chain the chain lost with it (a reset can take
    /// several), oldest first so each keeps its place; the walk back stops at the first anchor the chain still holds.
    /// </summary>
    private async Task<StoredAnchor> ResendLostAsync(IAnchorChain chain, StoredAnchor last, CancellationToken cancellationToken)
    {
        var lost = new Stack<AnchorRecord>();
        lost.Push(last.Record);
        foreach (var earlier in await EarlierAnchorsAsync(last.Record, cancellationToken))
        {
            var inclusion = await chain.CheckInclusionAsync(earlier, cancellationToken);
            if (!inclusion.ShouldResend)
            {
                break;
            }

            LogLost(earlier.TxHash, earlier.TreeSize, inclusion.Status);
            lost.Push(earlier);
        }

        StoredAnchor? resent = null;
        while (lost.TryPop(out var record))
        {
            resent = await AnchorAsync(chain, record.Root, record.TreeSize, cancellationToken);
        }

        return resent!;
    }

    /// <summary>The anchors of <paramref name="last"/>'s chain below its tree size, newest first, one per tree size (the record that supersedes).</summary>
    private async Task<List<AnchorRecord>> EarlierAnchorsAsync(AnchorRecord last, CancellationToken cancellationToken)
    {
        var bySize = new List<AnchorRecord>();
        await foreach (var anchor in anchors.ListAsync(cancellationToken))
        {
            var record = anchor.Record;
            if (record.ChainId != last.ChainId || record.TreeSize >= last.TreeSize)
            {
                continue;
            }

            if (bySize.Count > 0 && bySize[^1].TreeSize == record.TreeSize)
            {
                bySize[^1] = record;
            }
            else
            {
                bySize.Add(record);
            }
        }

        bySize.Reverse();
        return bySize;
    }

    private async Task<StoredAnchor> AnchorAsync(IAnchorChain chain, byte[] root, long treeSize, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var record = await chain.AnchorAsync(root, treeSize, cancellationToken);
        var inclusion = await chain.CheckInclusionAsync(record, cancellationToken);
        for (var resend = 1; inclusion.ShouldResend; resend++)
        {
            if (resend > MaxResends)
            {
                throw new AnchorException($"The anchor of tree size {treeSize} was {inclusion.Status} {MaxResends} times after sending; retrying later.");
            }

            LogLost(record.TxHash, treeSize, inclusion.Status);
            record = await chain.AnchorAsync(root, treeSize, cancellationToken);
            inclusion = await chain.CheckInclusionAsync(record, cancellationToken);
        }

        if (inclusion.Status != AnchorInclusionStatus.Confirmed)
        {
            throw new AnchorException($"The anchor transaction {record.TxHash} is {inclusion.Status} with {inclusion.Confirmations} confirmations; retrying later.");
        }

        var statement = AnchorStatement.Sign(checkpointOptions.Value.Origin, record, signers.Signers);
        var stored = new StoredAnchor(record, inclusion.Confirmations, time.GetUtcNow(), statement);
        await anchors.AddAsync(stored, cancellationToken);
        var position = await entries.AppendAsync(record, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        metrics.Anchored(elapsed);
        metrics.Observe(treeSize, null);
        LogAnchored(treeSize, record.ChainId, record.TxHash, record.BlockNumber, inclusion.Confirmations, elapsed.TotalMilliseconds, position);
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchored checkpoint of tree size {TreeSize} on chain {ChainId} in tx {TxHash}, block {BlockNumber}, {Confirmations} confirmations, {Milliseconds:F0} ms; Anchored entry at {Position}")]
    private partial void LogAnchored(long treeSize, long chainId, string txHash, long blockNumber, long confirmations, double milliseconds, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchor tx {TxHash} of tree size {TreeSize} is {Status} on the chain; sending it again")]
    private partial void LogLost(string txHash, long treeSize, AnchorInclusionStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchoring failed ({Failures} in a row); retrying in {Delay}")]
    private partial void LogFailed(Exception exception, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchoring works again after {Failures} failures")]
    private partial void LogRecovered(int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store agrees with the chain: {Count} anchors of {Contract} in blocks {FromBlock} to {ToBlock}, store of {Size} entries")]
    private partial void LogHistoryChecked(int count, string contract, long fromBlock, long toBlock, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the store against the chain within {Timeout}; checking before the first anchor")]
    private partial void LogHistoryDeferred(Exception exception, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to run: {Contradiction}")]
    private partial void LogContradicted(string contradiction);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anchor tx {TxHash} of tree size {TreeSize} was recorded without its Anchored entry (a crash between the two); appended it at {Position}")]
    private partial void LogEntryRestored(string txHash, long treeSize, long position);
}
