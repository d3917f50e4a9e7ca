using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>
/// Reads a payload: one reading object or an array of them,
/// <c>{"ts": ISO 8601 with offset, "value": n, "unit": "…", "seq": n?, "quality": "…"?}</c>; over HTTP
/// each reading also names <c>tenant</c>, <c>site</c> and <c>sensor</c>. Shape errors refuse one reading;
/// JSON that does not parse refuses the payload.
/// </summary>
public static partial class PayloadParser
{
    public static ParsedPayload Parse(ReadOnlyMemory<byte> payload, SensorAddress? topicAddress, int maxReadings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            var text = Encoding.UTF8.GetString(payload.Span);
            return NotFiniteLiteral().IsMatch(text)
                ? Refused(RejectionReasons.ValueNotFinite, "the payload uses a NaN or Infinity literal, which is not a finite number (nor valid JSON)")
                : Refused(RejectionReasons.MalformedJson, $"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var elements = root.ValueKind switch
            {
                JsonValueKind.Object => [root],
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                _ => null,
            };
            if (elements is null)
            {
                return Refused(RejectionReasons.MalformedJson, $"expected a reading object or an array of them, got {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            if (elements.Count == 0)
            {
                return Refused(RejectionReasons.InvalidReading, "the payload holds no readings");
            }

            if (elements.Count > maxReadings)
            {
                return Refused(RejectionReasons.PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"{elements.Count} readings in one payload; at most {maxReadings}"));
            }

            // A reading's own JSON is kept only when the payload holds several: it is then its dead letter's payload.
            var keepRaw = elements.Count > 1;
            return new ParsedPayload(elements.Select((e, i) => ReadOne(e, i, topicAddress, keepRaw)).ToList(), null);
        }
    }

    private static ParsedPayload Refused(string reason, string detail) => new([], new Rejection(reason, detail));

    private static IncomingReading ReadOne(JsonElement element, int index, SensorAddress? topicAddress, bool keepRaw)
    {
        var raw = keepRaw ? JsonMarshal.GetRawUtf8Value(element).ToArray() : ReadOnlyMemory<byte>.Empty;
        var address = topicAddress;
        var sourceTime = default(DateTimeOffset);
        var value = double.NaN;
        long? sequence = null;
        var unit = String(element, "unit");
        var quality = String(element, "quality");
        var rejection = element.ValueKind != JsonValueKind.Object
            ? new Rejection(RejectionReasons.InvalidReading, $"reading {index} is a {element.ValueKind.ToString().ToLowerInvariant()}, not an object")
            : ReadAddress(element, index, ref address)
                ?? ReadTime(element, index, out sourceTime)
                ?? ReadValue(element, index, out value)
                ?? (unit is { Length: > 0 } ? null : new Rejection(RejectionReasons.UnknownUnit, $"reading {index} has no \"unit\""))
                ?? ReadSequence(element, index, out sequence)
                ?? (quality is null || QualityShape().IsMatch(quality) ? null
                    : new Rejection(RejectionReasons.InvalidReading, $"reading {index}: \"quality\" must be a lower-case word (a-z, _), at most 32 characters"));
        return new IncomingReading(index, raw, address, sourceTime, value, unit ?? string.Empty, sequence, quality, rejection);
    }

    private static Rejection? ReadAddress(JsonElement element, int index, ref SensorAddress? address)
    {
        if (address is not null)
        {
            return null;
        }

        var tenant = String(element, "tenant");
        var site = String(element, "site");
        var sensor = String(element, "sensor") ?? String(element, "sensorId");
        if (!Identifiers.IsValid(tenant) || !Identifiers.IsValid(site) || !Identifiers.IsValid(sensor))
        {
            return new Rejection(RejectionReasons.InvalidReading, $"reading {index} needs tenant, site and sensor as plain identifiers");
        }

        address = new SensorAddress(tenant!, site!, sensor!);
        return null;
    }

    private static Rejection? ReadTime(JsonElement element, int index, out DateTimeOffset sourceTime)
    {
        sourceTime = default;
        if (String(element, "ts") is not { } ts)
        {
            return new Rejection(RejectionReasons.InvalidTimestamp, $"reading {index} has no \"ts\" string");
        }

        // The shape guarantees an offset; System.Text.Json's ISO 8601 reader takes the common forms fast.
        return TimestampShape().IsMatch(ts) && (element.GetProperty("ts").TryGetDateTimeOffset(out sourceTime)
                || DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.None, out sourceTime))
            ? null
            : new Rejection(RejectionReasons.InvalidTimestamp, $"reading {index}: \"ts\" '{ts}' is not an ISO 8601 time with an offset");
    }

    private static Rejection? ReadValue(JsonElement element, int index, out double value)
    {
        value = double.NaN;
        if (!element.TryGetProperty("value", out var valueElement))
        {
            return new Rejection(RejectionReasons.InvalidReading, $"reading {index} has no \"value\"");
        }

        if (valueElement.ValueKind == JsonValueKind.String)
        {
            var text = valueElement.GetString() ?? string.Empty;
            return new Rejection(
                NotFiniteWord().IsMatch(text) ? RejectionReasons.ValueNotFinite : RejectionReasons.InvalidReading,
                $"reading {index}: \"value\" '{text}' is not a finite number");
        }

        if (valueElement.ValueKind != JsonValueKind.Number)
        {
            return new Rejection(RejectionReasons.InvalidReading, $"reading {index}: \"value\" is a {valueElement.ValueKind.ToString().ToLowerInvariant()}, not a number");
        }

        return valueElement.TryGetDouble(out value) && double.IsFinite(value)
            ? null
            : new Rejection(RejectionReasons.ValueNotFinite, $"reading {index}: \"value\" {valueElement.GetRawText()} is not a finite number");
    }

    private static Rejection? ReadSequence(JsonElement element, int index, out long? sequence)
    {
        sequence = null;
        if (!element.TryGetProperty("seq", out var seqElement) || seqElement.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (seqElement.ValueKind != JsonValueKind.Number || !seqElement.TryGetInt64(out var seq) || seq < 0)
        {
            return new Rejection(RejectionReasons.InvalidReading, $"reading {index}: \"seq\" must be a non-negative integer");
        }

        sequence = seq;
        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"[:\[,]\s*-?(NaN|Infinity)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotFiniteLiteral();

    [GeneratedRegex(@"^[+-]?(nan|inf|infinity)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotFiniteWord();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex TimestampShape();

    [GeneratedRegex("^[a-z_]{1,32}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex QualityShape();
}
