namespace SafetyLedger.Ingestion.DeadLetters;

/// <summary>Announces stored dead letters on the topic <c>sl/{tenant}/deadletter</c>; best effort (the store is the record).</summary>
public interface IDeadLetterPublisher
{
    Task PublishAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken);
}
