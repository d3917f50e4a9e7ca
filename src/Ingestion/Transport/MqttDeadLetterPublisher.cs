using System.Text.Json;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.DeadLetters;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>Announces dead letters as JSON on <c>sl/{tenant}/deadletter</c> through the active broker.</summary>
public sealed class MqttDeadLetterPublisher(ActiveBroker broker, IOptions<MqttTransportOptions> options) : IDeadLetterPublisher
{
    public async Task PublishAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (!options.Value.Enabled || !options.Value.PublishDeadLetters || broker.Current is not { } publisher)
        {
            return;
        }

        foreach (var letter in letters)
        {
            var message = DeadLetterMessage.From(letter);
            var json = JsonSerializer.SerializeToUtf8Bytes(message, IngestionJsonContext.Default.DeadLetterMessage);
            await publisher.PublishAsync(MqttTopics.DeadLetter(letter.Tenant), json, cancellationToken);
        }
    }
}
