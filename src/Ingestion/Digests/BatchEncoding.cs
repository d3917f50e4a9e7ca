using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SafetyLedger.Ingestion.Telemetry;

namespace SafetyLedger.Ingestion.Digests;

/// <summary>
/// The canonical bytes of a batch (<c>sl-telemetry-batch/1</c>, see docs/ingestion.md): one UTF-8 line
/// per reading in corrected-time order, fields separated by TAB, each line ended by LF:
/// tenant, site, sensor, source time (UTC), source offset, received time, corrected time, value, unit,
/// raw value, raw unit, quality, sequence (empty when absent). Times are <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>,
/// offsets <c>+hh:mm</c>, numbers the shortest round-trip form.
/// </summary>
public static class BatchEncoding
{
    public const string Name = "sl-telemetry-batch/1";

    public static byte[] Encode(IEnumerable<TelemetryReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var text = new StringBuilder();
        foreach (var r in readings)
        {
            text.Append(r.Tenant).Append('\t')
                .Append(r.Site).Append('\t')
                .Append(r.SensorId).Append('\t')
                .Append(Time(r.SourceTime)).Append('\t')
                .Append(Offset(r.SourceTime.Offset)).Append('\t')
                .Append(Time(r.ReceivedTime)).Append('\t')
                .Append(Time(r.CorrectedTime)).Append('\t')
                .Append(Number(r.Value)).Append('\t')
                .Append(r.Unit).Append('\t')
                .Append(Number(r.RawValue)).Append('\t')
                .Append(r.RawUnit).Append('\t')
                .Append(r.Quality).Append('\t')
                .Append(r.Sequence?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Lower-case hex SHA-256 of the canonical bytes.</summary>
    public static string Digest(IEnumerable<TelemetryReading> readings) => Convert.ToHexStringLower(SHA256.HashData(Encode(readings)));

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
