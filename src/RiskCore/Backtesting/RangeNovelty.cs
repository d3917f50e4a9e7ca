namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Scores a value that leaves the range of everything seen before it by more than <c>margin</c> × that
/// range: 1 + excess ÷ range; 0 otherwise (and for the first value).
/// </summary>
internal sealed class RangeNovelty(double margin)
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public double Next(double value)
    {
        var score = 0.0;
        if (_max >= _min)
        {
            var range = Math.Max(_max - _min, 1e-9);
            var excess = Math.Max(value - _max, _min - value);
            score = excess > margin * range ? 1 + (excess / range) : 0;
        }

        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        return score;
    }
}
