using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.Host.Serving.Wiring;

/// <summary>Feeds the risk pipeline from ingestion's bounded hand-off channel, by corrected time, with each sensor's registered alarm levels.</summary>
internal sealed class IngestionReadingSource(IReadingStream readings, ISensorRegistry sensors) : IReadingSource
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
                reading.Quality,
                sensors.Find(reading.Tenant, reading.SensorId)?.Registration.Alarms is { } alarms
                    ? new SensorLimits(alarms.Level1, alarms.Level2, alarms.Low, alarms.High)
                    : null);
        }
    }
}
