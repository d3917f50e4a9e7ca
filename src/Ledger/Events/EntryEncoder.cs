using System.Buffers;
using System.Text.Json;

namespace SafetyLedger.Ledger.Events;

/// <summary>
/// Writes entries in the canonical encoding (see <see cref="EntryCodec"/>), reusing one buffer and
/// one JSON writer. Not thread-safe: one per writing thread. Payloads must have been checked with
/// <see cref="EntryCodec.ValidatePayload"/> (appends do this on the caller's thread).
/// </summary>
public sealed class EntryEncoder : IDisposable
{
    private const int MaxEncodedNames = 4096;

    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter writer;
    private readonly ArrayBufferWriter<byte> recordedAtJson = new(48);
    private readonly Dictionary<string, JsonEncodedText> encodedNames = new(StringComparer.Ordinal);
    private DateTimeOffset recordedAtFormatted = DateTimeOffset.MinValue;

    public EntryEncoder() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true });

    public byte[] Encode(long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        buffer.ResetWrittenCount();
        EncodeTo(buffer, position, streamId, streamVersion, data, recordedAt);
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => writer.Dispose();

    /// <summary>Appends one entry's canonical bytes to <paramref name="destination"/>, allocating nothing.</summary>
    internal void EncodeTo(IBufferWriter<byte> destination, long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(data);
        var recorded = RecordedAtJson(recordedAt);
        writer.Reset(destination);
        writer.WriteStartObject();
        writer.WriteNumber(EntryCodec.Names.Position, position);
        writer.WriteString(EntryCodec.Names.Stream, Encoded(streamId));
        writer.WriteNumber(EntryCodec.Names.Version, streamVersion);
        writer.WriteString(EntryCodec.Names.Type, Encoded(data.EventType));
        writer.WriteString(EntryCodec.Names.Tenant, Encoded(data.Tenant));
        writer.WriteString(EntryCodec.Names.OccurredAt, data.OccurredAt);
        writer.WritePropertyName(EntryCodec.Names.RecordedAt);
        writer.WriteRawValue(recorded, skipInputValidation: true);
        writer.WritePropertyName(EntryCodec.Names.Payload);
        writer.WriteRawValue(data.Payload.Span, skipInputValidation: true);
        var metadata = data.Metadata ?? EventMetadata.None;
        writer.WriteStartObject(EntryCodec.Names.Metadata);
        WriteIfPresent(EntryCodec.Names.Actor, metadata.Actor);
        WriteIfPresent(EntryCodec.Names.CorrelationId, metadata.CorrelationId);
        WriteIfPresent(EntryCodec.Names.CausationId, metadata.CausationId);
        writer.WriteNumber(EntryCodec.Names.SchemaVersion, metadata.SchemaVersion);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>The JSON string for a recording time (shared by a whole commit), formatted once by the same writer; it depends on the instant only.</summary>
    private ReadOnlySpan<byte> RecordedAtJson(DateTimeOffset recordedAt)
    {
        if (recordedAtJson.WrittenCount == 0 || recordedAt != recordedAtFormatted)
        {
            recordedAtJson.ResetWrittenCount();
            writer.Reset(recordedAtJson);
            writer.WriteStringValue(recordedAt.ToUniversalTime());
            writer.Flush();
            recordedAtFormatted = recordedAt;
        }

        return recordedAtJson.WrittenSpan;
    }

    /// <summary>
    /// Stream ids, event types and tenants repeat from entry to entry: each is escaped once (by the same
    /// default encoder the writer uses) and kept, up to <see cref="MaxEncodedNames"/> of them.
    /// </summary>
    private JsonEncodedText Encoded(string value)
    {
        if (!encodedNames.TryGetValue(value, out var encoded))
        {
            if (encodedNames.Count >= MaxEncodedNames)
            {
                encodedNames.Clear();
            }

            encoded = JsonEncodedText.Encode(value);
            encodedNames[value] = encoded;
        }

        return encoded;
    }

    private void WriteIfPresent(JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
