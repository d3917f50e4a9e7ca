namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>One caller's write, run by the writer inside a group transaction and completed after the commit.</summary>
internal abstract class WriteWork
{
    public abstract void Execute(TelemetryWriter writer);

    public abstract void Succeed();

    public abstract void Fail(Exception exception);
}
