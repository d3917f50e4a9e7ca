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
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter writer;

    public EntryEncoder() => writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true });

    public byte[] Encode(long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(data);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteNumber(EntryCodec.Names.Position, position);
        writer.WriteString(EntryCodec.Names.Stream, streamId);
        writer.WriteNumber(EntryCodec.Names.Version, streamVersion);
        writer.WriteString(EntryCodec.Names.Type, data.EventType);
        writer.WriteString(EntryCodec.Names.Tenant, data.Tenant);
        writer.WriteString(EntryCodec.Names.OccurredAt, data.OccurredAt);
        writer.WriteString(EntryCodec.Names.RecordedAt, recordedAt.ToUniversalTime());
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
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => writer.Dispose();

    private void WriteIfPresent(JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
