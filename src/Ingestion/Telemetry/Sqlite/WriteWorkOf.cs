namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>A write producing a <typeparamref name="T"/>, handed to its caller only once the transaction is durable.</summary>
internal sealed class WriteWorkOf<T>(Func<TelemetryWriter, T> action) : WriteWork
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

#pragma warning disable VSTHRD003 // A promise the writer task completes once the commit is durable.
    public Task<T> Task => completion.Task;
#pragma warning restore VSTHRD003

    public override void Execute(TelemetryWriter writer) => result = action(writer);

    public override void Succeed() => completion.TrySetResult(result!);

    public override void Fail(Exception exception) => completion.TrySetException(exception);
}
