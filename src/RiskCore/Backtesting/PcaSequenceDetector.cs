using SafetyLedger.RiskCore.Multivariate;
using SafetyLedger.RiskCore.Numerics;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// (Dynamic) PCA on normal data; the raw score adds T² and Q, each divided by its normal quantile;
/// an EWMA smooths it and the threshold is a quantile of the smoothed normal score.
/// The reported score is smoothed score ÷ threshold, so 1 is the alarm line.
/// </summary>
public sealed class PcaSequenceDetector(PcaDetectorOptions options) : ISequenceDetector
{
    private PcaModel? _model;
    private FeatureWindow? _window;
    private AlarmGate? _gate;
    private double[] _features = [];
    private double _t2Limit = 1;
    private double _qLimit = 1;
    private double _threshold = 1;
    private double _smoothed = double.NaN;

    public string Name => options.Name;

    public void Fit(IReadOnlyList<double[]> normal)
    {
        ArgumentNullException.ThrowIfNull(normal);
        var width = normal[0].Length;
        _window = new FeatureWindow(width, options.Lags, options.Differences);
        _features = new double[_window.FeatureCount];
        var featureRows = new List<double[]>(normal.Count);
        foreach (var row in normal)
        {
            if (_window.Push(row, _features))
            {
                featureRows.Add(_features.ToArray());
            }
        }

        _model = PcaModel.Fit(featureRows, options.Pca);
        var scores = featureRows.Select(row => _model.Evaluate(row)).ToArray();
        _t2Limit = Math.Max(Quantile.Of(scores.Select(s => s.T2).ToArray(), options.StatisticQuantile), 1e-12);
        _qLimit = Math.Max(Quantile.Of(scores.Select(s => s.Q).ToArray(), options.StatisticQuantile), 1e-12);
        var smoothed = new double[scores.Length];
        _smoothed = double.NaN;
        for (var i = 0; i < scores.Length; i++)
        {
            smoothed[i] = Smooth(Raw(scores[i]));
        }

        _threshold = Math.Max(Quantile.Of(smoothed, options.ThresholdQuantile) * options.ThresholdFactor, 1e-12);
        _gate = new AlarmGate(options.ConsecutiveToAlarm, options.HoldSamples);
    }

    public DetectionPoint Score(ReadOnlySpan<double> sample)
    {
        if (_model is null || _window is null || _gate is null)
        {
            throw new InvalidOperationException("Fit the detector first.");
        }

        if (!_window.Push(sample, _features))
        {
            return new DetectionPoint(0, _gate.Next(0));
        }

        var score = Smooth(Raw(_model.Evaluate(_features))) / _threshold;
        return new DetectionPoint(score, _gate.Next(score));
    }

    private double Raw(PcaScore score) => 0.5 * ((score.T2 / _t2Limit) + (score.Q / _qLimit));

    private double Smooth(double raw)
    {
        _smoothed = double.IsNaN(_smoothed) ? raw : _smoothed + (options.SmoothingAlpha * (raw - _smoothed));
        return _smoothed;
    }
}
