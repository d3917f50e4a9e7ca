namespace SafetyLedger.Ledger.Storage;

/// <summary>How hard a commit pushes to stable storage before the append is acknowledged.</summary>
public enum SynchronousMode
{
    Normal,
    Full,
}
