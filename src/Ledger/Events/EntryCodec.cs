using System.Buffers;
using System.Text.Json;

namespace SafetyLedger.Ledger.Events;

/// <summary>
/// The canonical entry encoding: one UTF-8 JSON object with a fixed property order. Entries are
/// encoded once, stored as encoded and hashed as stored; verification re-hashes the stored bytes.
/// </summary>
public static class EntryCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    public static byte[] Encode(long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(data);
        var buffer = new ArrayBufferWriter<byte>(256 + data.Payload.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("position", position);
            writer.WriteString("stream", streamId);
            writer.WriteNumber("version", streamVersion);
            writer.WriteString("type", data.EventType);
            writer.WriteString("tenant", data.Tenant);
            writer.WriteString("occurredAt", data.OccurredAt);
            writer.WriteString("recordedAt", recordedAt.ToUniversalTime());
            writer.WritePropertyName("payload");
            try
            {
                writer.WriteRawValue(data.Payload.Span, skipInputValidation: false);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The payload of a '{data.EventType}' event is not valid JSON: {ex.Message}", nameof(data), ex);
            }

            var metadata = data.Metadata ?? EventMetadata.None;
            writer.WriteStartObject("metadata");
            WriteIfPresent(writer, "actor", metadata.Actor);
            WriteIfPresent(writer, "correlationId", metadata.CorrelationId);
            WriteIfPresent(writer, "causationId", metadata.CausationId);
            writer.WriteNumber("schemaVersion", metadata.SchemaVersion);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
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

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
