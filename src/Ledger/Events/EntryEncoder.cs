using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace SafetyLedger.Ledger.Events;

/// <summary>
/// Writes entries in the canonical encoding (see <see cref="EntryCodec"/>), reusing its buffers. The
/// fixed skeleton (property names, punctuation) is copied as pre-encoded bytes and numbers and dates are
/// formatted in place; every string goes through System.Text.Json's default escaping, as the encoding was
/// first defined with its writer (known-answer tests pin the bytes). Not thread-safe: one per writing
/// thread. Payloads must have been checked with <see cref="EntryCodec.ValidatePayload"/> (appends do this
/// on the caller's thread).
/// </summary>
public sealed class EntryEncoder : IDisposable
{
    /// <summary>Escaped stream ids, event types and tenants kept at most (they repeat from entry to entry).</summary>
    private const int MaxEncodedNames = 4096;

    /// <summary>The longest skeleton (every property name and punctuation), numbers and dates: a safe upper bound.</summary>
    private const int MaxFixedBytes = 256;

    /// <summary>"yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm", the round-trip format before trimming.</summary>
    private const int RoundTripLength = 33;

    private static readonly StandardFormat RoundTrip = new('O');

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

    /// <summary>Appends one entry's canonical bytes to <paramref name="destination"/>, allocating nothing for repeated names.</summary>
    internal void EncodeTo(IBufferWriter<byte> destination, long position, string streamId, long streamVersion, EventData data, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(data);
        var recorded = RecordedAtJson(recordedAt);
        var stream = Encoded(streamId).EncodedUtf8Bytes;
        var type = Encoded(data.EventType).EncodedUtf8Bytes;
        var tenant = Encoded(data.Tenant).EncodedUtf8Bytes;
        var payload = data.Payload.Span;
        var span = destination.GetSpan(MaxFixedBytes + stream.Length + type.Length + tenant.Length + recorded.Length + payload.Length);
        var n = 0;
        Put(span, ref n, "{\"position\":"u8);
        PutNumber(span, ref n, position);
        Put(span, ref n, ",\"stream\":\""u8);
        Put(span, ref n, stream);
        Put(span, ref n, "\",\"version\":"u8);
        PutNumber(span, ref n, streamVersion);
        Put(span, ref n, ",\"type\":\""u8);
        Put(span, ref n, type);
        Put(span, ref n, "\",\"tenant\":\""u8);
        Put(span, ref n, tenant);
        Put(span, ref n, "\",\"occurredAt\":\""u8);
        PutDate(span, ref n, data.OccurredAt);
        Put(span, ref n, "\",\"recordedAt\":"u8);
        Put(span, ref n, recorded);
        Put(span, ref n, ",\"payload\":"u8);
        Put(span, ref n, payload);
        Put(span, ref n, ",\"metadata\":{"u8);
        destination.Advance(n);

        var metadata = data.Metadata ?? EventMetadata.None;
        PutIfPresent(destination, "\"actor\":"u8, metadata.Actor);
        PutIfPresent(destination, "\"correlationId\":"u8, metadata.CorrelationId);
        PutIfPresent(destination, "\"causationId\":"u8, metadata.CausationId);
        span = destination.GetSpan(MaxFixedBytes);
        n = 0;
        Put(span, ref n, "\"schemaVersion\":"u8);
        PutNumber(span, ref n, metadata.SchemaVersion);
        Put(span, ref n, "}}"u8);
        destination.Advance(n);
    }

    private static void Put(Span<byte> span, ref int n, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[n..]);
        n += bytes.Length;
    }

    private static void PutNumber(Span<byte> span, ref int n, long value)
    {
        Utf8Formatter.TryFormat(value, span[n..], out var written);
        n += written;
    }

    /// <summary>
    /// The writer's DateTimeOffset format: round-trip ("O", always an offset, never "Z") with the fraction's
    /// trailing zeros dropped, and the fraction left out when it is zero.
    /// </summary>
    private static void PutDate(Span<byte> span, ref int n, DateTimeOffset value)
    {
        const int Dot = 19;
        const int FractionEnd = 27;
        var date = span[n..];
        Utf8Formatter.TryFormat(value, date, out _, RoundTrip);
        var end = FractionEnd;
        while (end > Dot + 1 && date[end - 1] == (byte)'0')
        {
            end--;
        }

        if (end == Dot + 1)
        {
            end = Dot;
        }

        date[FractionEnd..RoundTripLength].CopyTo(date[end..]);
        n += end + (RoundTripLength - FractionEnd);
    }

    private void PutIfPresent(IBufferWriter<byte> destination, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            return;
        }

        destination.Write(name);
        writer.Reset(destination);
        writer.WriteStringValue(value);
        writer.Flush();
        destination.Write(","u8);
    }

    /// <summary>The JSON string for a recording time (shared by a whole commit), formatted once; it depends on the instant only.</summary>
    private ReadOnlySpan<byte> RecordedAtJson(DateTimeOffset recordedAt)
    {
        if (recordedAtJson.WrittenCount == 0 || recordedAt != recordedAtFormatted)
        {
            recordedAtJson.ResetWrittenCount();
            var span = recordedAtJson.GetSpan(RoundTripLength + 2);
            var n = 0;
            Put(span, ref n, "\""u8);
            PutDate(span, ref n, recordedAt.ToUniversalTime());
            Put(span, ref n, "\""u8);
            recordedAtJson.Advance(n);
            recordedAtFormatted = recordedAt;
        }

        return recordedAtJson.WrittenSpan;
    }

    /// <summary>Escaped once by the default encoder (the writer's) and kept, up to <see cref="MaxEncodedNames"/> names.</summary>
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
}
