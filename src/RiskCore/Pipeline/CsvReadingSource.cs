using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>Replays a readings CSV file (<see cref="ReplayOptions.File"/>) once, as fast as the pipeline takes it.</summary>
public sealed class CsvReadingSource(IOptions<ReplayOptions> options) : IReadingSource
{
    public async IAsyncEnumerable<Reading> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (options.Value.File is not { Length: > 0 } path)
        {
            yield break;
        }

        using var reader = new StreamReader(path);
        await foreach (var reading in ReadingCsv.ReadAsync(reader, cancellationToken))
        {
            yield return reading;
        }
    }
}
