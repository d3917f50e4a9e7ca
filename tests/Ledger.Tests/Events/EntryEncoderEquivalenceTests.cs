using System.Buffers;
using System.Text;
using System.Text.Json;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Tests.Events;

/// <summary>
/// The hand-written canonical writer against the definition it replaced: System.Text.Json's writer
/// emitting the same properties in the same order, over random names, dates, offsets and metadata.
/// </summary>
public sealed class EntryEncoderEquivalenceTests
{
    private const string Alphabet = "abcXYZ019-_ .:/\"\\<>&'+`\n\t\u0001\u007féü€😀";

    [Fact]
    public void The_encoder_writes_what_the_json_writer_definition_writes_for_random_entries()
    {
        var random = new Random(20261128);
        using var encoder = new EntryEncoder();
        for (var i = 0; i < 5_000; i++)
        {
            var position = random.NextInt64(0, long.MaxValue >> random.Next(0, 63));
            var version = random.NextInt64(0, 1L << random.Next(0, 40));
            var stream = Text(random);
            var recordedAt = Date(random);
            var data = new EventData(
                Text(random),
                Text(random),
                Date(random),
                Encoding.UTF8.GetBytes($"{{\"i\":{i},\"s\":{JsonSerializer.Serialize(Text(random))}}}"),
                random.Next(3) == 0 ? null : new EventMetadata(Maybe(random), Maybe(random), Maybe(random), random.Next(-5, 1000)));

            var expected = Reference(position, stream, version, data, recordedAt);

            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(encoder.Encode(position, stream, version, data, recordedAt)));
        }
    }

    private static string Text(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).Where(c => !char.IsSurrogate(c)).DefaultIfEmpty('x').ToArray());

    private static string? Maybe(Random random) => random.Next(2) == 0 ? null : Text(random);

    private static DateTimeOffset Date(Random random)
    {
        var ticks = random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(1, 10) * (long)Math.Pow(10, random.Next(0, 7)),
            _ => random.NextInt64(0, TimeSpan.TicksPerSecond),
        };
        var offset = TimeSpan.FromMinutes(random.Next(-14 * 4, (14 * 4) + 1) * 15);
        var seconds = random.NextInt64(0, 9_000L * 365 * 86_400);
        return new DateTimeOffset(new DateTime(2000, 1, 1).AddSeconds(seconds % (7_000L * 365 * 86_400)).AddYears(-1_000).AddTicks(ticks), offset);
    }

    /// <summary>The canonical encoding as first defined: System.Text.Json's writer, default escaping, these properties in this order.</summary>
    private static byte[] Reference(long position, string stream, long version, EventData data, DateTimeOffset recordedAt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteNumber("position", position);
        writer.WriteString("stream", stream);
        writer.WriteNumber("version", version);
        writer.WriteString("type", data.EventType);
        writer.WriteString("tenant", data.Tenant);
        writer.WriteString("occurredAt", data.OccurredAt);
        writer.WriteString("recordedAt", recordedAt.ToUniversalTime());
        writer.WritePropertyName("payload");
        writer.WriteRawValue(data.Payload.Span, skipInputValidation: true);
        var metadata = data.Metadata ?? EventMetadata.None;
        writer.WriteStartObject("metadata");
        if (metadata.Actor is not null)
        {
            writer.WriteString("actor", metadata.Actor);
        }

        if (metadata.CorrelationId is not null)
        {
            writer.WriteString("correlationId", metadata.CorrelationId);
        }

        if (metadata.CausationId is not null)
        {
            writer.WriteString("causationId", metadata.CausationId);
        }

        writer.WriteNumber("schemaVersion", metadata.SchemaVersion);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
