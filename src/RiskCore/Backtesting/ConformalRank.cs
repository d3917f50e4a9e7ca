namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Calibrates a raw score against the scores seen before it (a conformal rank): the share of earlier
/// scores below it, in [0, 1); above every earlier score it is score ÷ the earlier maximum (≥ 1), so
/// new extremes rank by how far they exceed the past. Keeps the last <c>capacity</c> scores.
/// </summary>
internal sealed class ConformalRank(int warmUp, int capacity)
{
    private readonly List<double> _sorted = [];
    private readonly Queue<double> _arrival = new();

    /// <summary>Ranks the score against the history, then adds it; 0 during warm-up and for NaN.</summary>
    public double Next(double score)
    {
        if (double.IsNaN(score))
        {
            return 0;
        }

        var rank = 0.0;
        if (_sorted.Count >= warmUp && _sorted.Count > 0)
        {
            var max = _sorted[^1];
            rank = score > max
                ? (max > 0 ? score / max : 2.0)
                : LowerBound(score) / (double)_sorted.Count;
        }

        _sorted.Insert(LowerBound(score), score);
        _arrival.Enqueue(score);
        if (_arrival.Count > capacity)
        {
            _sorted.RemoveAt(LowerBound(_arrival.Dequeue()));
        }

        return rank;
    }

    private int LowerBound(double score)
    {
        int low = 0, high = _sorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_sorted[middle] < score)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
