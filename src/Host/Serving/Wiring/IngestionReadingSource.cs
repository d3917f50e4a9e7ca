using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.Host.Serving.Wiring;

/// <summary>Feeds the risk pipeline from ingestion's bounded hand-off channel, by corrected time.</summary>
internal sealed class IngestionReadingSource(IReadingStream readings) : IReadingSource
{
    public async IAsyncEnumerable<Reading> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reading in readings.ReadAllAsync(cancellationToken))
        {
            yield return new Reading(
                reading.Tenant,
                reading.Site,
                reading.SensorId,
                reading.Kind,
                reading.CorrectedTime,
                reading.Value,
                reading.Unit,
                reading.Quality);
        }
    }
}
