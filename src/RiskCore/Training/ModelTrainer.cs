using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Streaming;

namespace SafetyLedger.RiskCore.Training;

/// <summary>
/// Fits the risk engine's models — each area's joint PCA model and each sensor's drift baseline —
/// from stored readings, leaving out readings inside spans labelled abnormal (true alarm,
/// maintenance by default), and returns them as a versioned <see cref="ModelFile"/>.
/// </summary>
public sealed class ModelTrainer(RiskEngineOptions engineOptions, TrainingOptions options, TimeProvider time)
{
    public ModelFile Train(string tenant, string modelVersion, IEnumerable<Reading> readings, IReadOnlyList<LabelledSpan> labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(labels);
        var excluded = labels.Where(l => options.ExcludedLabels.Contains(l.Label)).ToArray();
        var engine = new RiskEngine(EngineOptionsCopy.WithModelVersion(engineOptions, modelVersion), time);
        var used = 0;
        var left = 0;
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var reading in readings.Where(r => r.Tenant == tenant).OrderBy(r => r.Time))
        {
            first ??= reading.Time;
            last = reading.Time;
            if (excluded.Any(l => l.Site == reading.Site && reading.Time >= l.From && reading.Time <= l.To))
            {
                left++;
                continue;
            }

            engine.Process(reading);
            used++;
        }

        if (used == 0)
        {
            throw new InvalidDataException($"No readings of tenant '{tenant}' are left to train on ({left} were inside abnormal labelled spans).");
        }

        var snapshot = engine.Snapshot();
        var counts = Enum.GetValues<AlertLabel>().ToDictionary(
            KebabName,
            label => labels.Count(l => l.Label == label),
            StringComparer.Ordinal);
        return new ModelFile(
            ModelFile.CurrentFormat,
            modelVersion,
            tenant,
            time.GetUtcNow(),
            first!.Value,
            last!.Value,
            used,
            left,
            counts,
            snapshot.Areas.Count(a => a.State.Model is not null),
            snapshot);
    }

    private static string KebabName(AlertLabel label) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(label.ToString());
}
