using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>One caller's append waiting for the writer; completed after its transaction is durable.</summary>
internal sealed class PendingAppend(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<IReadOnlyList<AppendResult>> completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<AppendRequest> Requests { get; } = requests;

    public CancellationToken CancellationToken { get; } = cancellationToken;

#pragma warning disable VSTHRD003 // A promise the writer task completes once the commit is durable.
    public Task<IReadOnlyList<AppendResult>> Task => completion.Task;
#pragma warning restore VSTHRD003

    public void Succeed(IReadOnlyList<AppendResult> results) => completion.TrySetResult(results);

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(CancellationToken);
}
