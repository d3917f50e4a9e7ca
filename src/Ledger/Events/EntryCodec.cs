using System.Text.Json;

namespace SafetyLedger.Ledger.Events;

/// <summary>
/// The canonical entry encoding: one UTF-8 JSON object with a fixed property order. Entries are
/// encoded once, stored as encoded and hashed as stored; verification re-hashes the stored bytes.
/// </summary>
public static class EntryCodec
{
    /// <summary>Encodes one entry; checks the payload first. For many entries, reuse an <see cref="EntryEncoder"/>.</summary>
    public static byte[] Encode(long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        ValidatePayload(data);
        using var encoder = new EntryEncoder();
        return encoder.Encode(position, streamId, streamVersion, data, recordedAt);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the payload is exactly one well-formed JSON value.</summary>
    public static void ValidatePayload(EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new Utf8JsonReader(data.Payload.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || !reader.TrySkip() || reader.Read())
            {
                throw new JsonException("expected exactly one JSON value");
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The payload of a '{data.EventType}' event is not valid JSON: {ex.Message}", nameof(data), ex);
        }
    }

    /// <summary>Decodes stored bytes; throws <see cref="FormatException"/> when they are not a well-formed entry.</summary>
    public static LedgerEntry Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            var payload = root.GetProperty("payload");
            var metadata = root.GetProperty("metadata");
            return new LedgerEntry(
                root.GetProperty("position").GetInt64(),
                root.GetProperty("stream").GetString() ?? throw new FormatException("stream is null"),
                root.GetProperty("version").GetInt64(),
                root.GetProperty("type").GetString() ?? throw new FormatException("type is null"),
                root.GetProperty("tenant").GetString() ?? throw new FormatException("tenant is null"),
                root.GetProperty("occurredAt").GetDateTimeOffset(),
                root.GetProperty("recordedAt").GetDateTimeOffset(),
                System.Text.Encoding.UTF8.GetBytes(payload.GetRawText()),
                new EventMetadata(
                    OptionalString(metadata, "actor"),
                    OptionalString(metadata, "correlationId"),
                    OptionalString(metadata, "causationId"),
                    metadata.GetProperty("schemaVersion").GetInt32()),
                bytes);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Stored entry is not a well-formed ledger entry: {ex.Message}", ex);
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
