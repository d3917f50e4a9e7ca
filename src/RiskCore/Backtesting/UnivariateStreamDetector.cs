namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Online detector for one stream. The raw surprise is the error of an EWMA level forecast
/// divided by its running mean absolute deviation, plus how far the value leaves the range
/// seen so far; its short-term average is compared with the long-term distribution of that
/// average (a z-score, as in an anomaly likelihood). Alarms are followed by a fixed cool-down.
/// Fit only warms the state up; every sample keeps adapting it.
/// </summary>
public sealed class UnivariateStreamDetector(UnivariateDetectorOptions options) : ISequenceDetector
{
    private const double Tiny = 1e-9;
    private double _level = double.NaN;
    private double _scale;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _short;
    private double _longMean;
    private double _longVariance;
    private long _seen;
    private int _cooldown;

    public string Name => "univariate";

    public void Fit(IReadOnlyList<double[]> normal)
    {
        ArgumentNullException.ThrowIfNull(normal);
        foreach (var row in normal)
        {
            Update(row[0]);
        }
    }

    public DetectionPoint Score(ReadOnlySpan<double> sample)
    {
        var z = Update(sample[0]);
        var score = z / options.Threshold;
        if (_cooldown > 0)
        {
            _cooldown--;
            return new DetectionPoint(score, Alarm: false);
        }

        if (score >= 1.0)
        {
            _cooldown = options.CooldownSamples;
            return new DetectionPoint(score, Alarm: true);
        }

        return new DetectionPoint(score, Alarm: false);
    }

    private double Update(double value)
    {
        _seen++;
        if (double.IsNaN(_level))
        {
            _level = value;
            _min = value;
            _max = value;
            return 0;
        }

        var range = Math.Max(_max - _min, Tiny);
        var error = value - _level;
        var scale = Math.Max(_scale, Tiny + (1e-6 * range));
        var raw = Math.Min(Math.Abs(error) / scale, 50.0);
        var outside = Math.Max(value - _max, _min - value);
        if (outside > 0)
        {
            raw += options.RangeWeight * Math.Min(10.0 * outside / range, 50.0);
        }

        _scale += options.ScaleAlpha * (Math.Abs(error) - _scale);
        _level += options.LevelAlpha * error;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _short += options.ShortAlpha * (raw - _short);
        var deviation = _short - _longMean;
        var sd = Math.Sqrt(Math.Max(_longVariance, Tiny));
        var z = _seen > 2 ? deviation / Math.Max(sd, 0.05) : 0;
        var alpha = Math.Max(options.LongAlpha, 1.0 / _seen);
        _longMean += alpha * deviation;
        _longVariance = (1 - alpha) * (_longVariance + (alpha * deviation * deviation));
        return Math.Max(z, 0);
    }
}
