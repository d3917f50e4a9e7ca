using System.Text;
using SafetyLedger.Ingestion.DeadLetters;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// What is published on <c>sl/{tenant}/deadletter</c>: the reason and detail, where it came from, and the
/// raw payload (as text when it is valid UTF-8, always as base64).
/// </summary>
public sealed record DeadLetterMessage(
    DateTimeOffset ReceivedAt,
    string Transport,
    string? Topic,
    string? Tenant,
    string? Site,
    string? SensorId,
    string Reason,
    string Detail,
    string? Payload,
    string PayloadBase64)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The dead letter's row id, where it is shown from the store.</summary>
    public long? Id { get; init; }

    public static DeadLetterMessage From(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new DeadLetterMessage(
            letter.ReceivedAt,
            letter.Transport,
            letter.Topic,
            letter.Tenant,
            letter.Site,
            letter.SensorId,
            letter.Reason,
            letter.Detail,
            TryText(letter.Payload),
            Convert.ToBase64String(letter.Payload.Span));
    }

    private static string? TryText(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return StrictUtf8.GetString(payload.Span);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
