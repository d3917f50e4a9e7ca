using System.Text;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Tests.Events;

/// <summary>
/// The canonical entry bytes are a contract with offline verifiers: stored entries are hashed as
/// stored, so any change to these bytes breaks every existing log. The expected strings were taken
/// from the encoder as first shipped (System.Text.Json's writer with its default escaping).
/// </summary>
public sealed class EntryCodecKnownAnswerTests
{
    public static TheoryData<string> Cases => ["plain", "full", "escaped"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void EntryCodec_encodes_the_known_bytes(string name)
    {
        var (position, stream, version, data, recordedAt, expected) = Case(name);

        var bytes = EntryCodec.Encode(position, stream, version, data, recordedAt);

        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_reused_encoder_writes_the_same_bytes_for_every_case_in_any_order()
    {
        using var encoder = new EntryEncoder();
        foreach (var name in new[] { "escaped", "plain", "full", "plain", "escaped", "full" })
        {
            var (position, stream, version, data, recordedAt, expected) = Case(name);

            var bytes = encoder.Encode(position, stream, version, data, recordedAt);

            Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void A_payload_that_is_not_one_json_value_is_refused()
    {
        var data = new EventData("HazardReported", "tenant-a", DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{\"a\":1} {\"b\":2}"));

        Assert.Throws<ArgumentException>(() => EntryCodec.Encode(0, "s", 0, data, DateTimeOffset.UnixEpoch));
    }

    private static (long Position, string Stream, long Version, EventData Data, DateTimeOffset RecordedAt, string Expected) Case(string name) => name switch
    {
        "plain" => (
            0,
            "hazard-1",
            0,
            new EventData("HazardReported", "tenant-a", new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(8)), Encoding.UTF8.GetBytes("{\"n\":0}")),
            new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero),
            """{"position":0,"stream":"hazard-1","version":0,"type":"HazardReported","tenant":"tenant-a","occurredAt":"2026-11-28T08:00:00+08:00","recordedAt":"2026-11-28T00:00:00+00:00","payload":{"n":0},"metadata":{"schemaVersion":1}}"""),
        "full" => (
            9007199254740993,
            "permit-9",
            123456789012,
            new EventData(
                "PermitApplied",
                "tenant-b",
                new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-330)).AddTicks(1234567),
                Encoding.UTF8.GetBytes("[1, 2.50, \"x\" ,null]"),
                new EventMetadata("user-17", "corr-1", "cause-1", 2)),
            new DateTimeOffset(2026, 1, 2, 11, 4, 5, TimeSpan.FromHours(8)).AddTicks(1000),
            """{"position":9007199254740993,"stream":"permit-9","version":123456789012,"type":"PermitApplied","tenant":"tenant-b","occurredAt":"2026-01-02T03:04:05.1234567-05:30","recordedAt":"2026-01-02T03:04:05.0001+00:00","payload":[1, 2.50, "x" ,null],"metadata":{"actor":"user-17","correlationId":"corr-1","causationId":"cause-1","schemaVersion":2}}"""),
        "escaped" => (
            42,
            "zone\"<A&B>'+`\\\n\t\u0001é😀",
            7,
            new EventData(
                "Type+<x>",
                "tenant&é",
                new DateTimeOffset(2026, 6, 30, 23, 59, 59, TimeSpan.Zero).AddTicks(5000000),
                Encoding.UTF8.GetBytes(" {\"k\" : \"ü\\u00fc\"} "),
                new EventMetadata(null, "c\"1", null, 0)),
            new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10),
            """{"position":42,"stream":"zone\u0022\u003CA\u0026B\u003E\u0027\u002B\u0060\\\n\t\u0001\u00E9\uD83D\uDE00","version":7,"type":"Type\u002B\u003Cx\u003E","tenant":"tenant\u0026\u00E9","occurredAt":"2026-06-30T23:59:59.5+00:00","recordedAt":"2026-07-01T00:00:00.000001+00:00","payload": {"k" : "ü\u00fc"} ,"metadata":{"correlationId":"c\u00221","schemaVersion":0}}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
    };
}
