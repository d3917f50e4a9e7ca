namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Where an append's wall time goes, per thread (see <see cref="AppendTimings"/>).</summary>
internal enum AppendPhase
{
    /// <summary>Caller's thread: checking requests and payload JSON before queueing.</summary>
    Validate,

    /// <summary>Writer: expected-version checks and positions for a commit group.</summary>
    Stage,

    /// <summary>Writer and helper together: canonical encoding and leaf hashes.</summary>
    Encode,

    /// <summary>Writer: waiting for the helper to finish the next chunk in order.</summary>
    WriterWaiting,

    /// <summary>Writer: growing the frontier (interior node hashes) in position order.</summary>
    Merkle,

    /// <summary>Writer: entry, Merkle chunk, stream and range rows.</summary>
    Insert,

    /// <summary>Writer: <c>COMMIT</c>, including the fsync.</summary>
    Commit,
}
