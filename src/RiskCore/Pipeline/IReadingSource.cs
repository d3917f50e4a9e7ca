using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>Where the pipeline's readings come from: ingestion's bounded channel, or a file replay.</summary>
public interface IReadingSource
{
    IAsyncEnumerable<Reading> ReadAsync(CancellationToken cancellationToken);
}
