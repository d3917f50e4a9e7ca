using System.Globalization;
using System.Runtime.CompilerServices;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>
/// Readings as CSV: a header naming the columns <c>tenant,site,sensor,kind,time,value,unit</c> and
/// optionally <c>quality</c> (default <c>good</c>), in any order; times ISO 8601 with an offset,
/// values invariant. A malformed line rejects the file with its line number.
/// </summary>
public static class ReadingCsv
{
    public const string Header = "tenant,site,sensor,kind,time,value,unit,quality";

    private static readonly string[] Required = ["tenant", "site", "sensor", "kind", "time", "value", "unit"];

    public static async IAsyncEnumerable<Reading> ReadAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = await reader.ReadLineAsync(cancellationToken) ?? throw new ReadingFormatException("The readings file is empty.");
        var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToList();
        var missing = Required.Where(c => !columns.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new ReadingFormatException($"Line 1: the header lacks {string.Join(", ", missing)}; expected '{Header}'.");
        }

        var index = Required.ToDictionary(c => c, columns.IndexOf, StringComparer.Ordinal);
        var quality = columns.IndexOf("quality");
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != columns.Count)
            {
                throw new ReadingFormatException($"Line {lineNumber}: {fields.Length} fields where the header has {columns.Count}.");
            }

            if (!DateTimeOffset.TryParse(fields[index["time"]], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                || !double.TryParse(fields[index["value"]], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new ReadingFormatException($"Line {lineNumber}: the time or the value cannot be read.");
            }

            yield return new Reading(
                fields[index["tenant"]].Trim(),
                fields[index["site"]].Trim(),
                fields[index["sensor"]].Trim(),
                fields[index["kind"]].Trim(),
                time,
                value,
                fields[index["unit"]].Trim(),
                quality < 0 ? "good" : fields[quality].Trim());
        }
    }

    public static string Format(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{reading.Tenant},{reading.Site},{reading.SensorId},{reading.Kind},{reading.Time:O},{reading.Value:R},{reading.Unit},{reading.Quality}");
    }
}
