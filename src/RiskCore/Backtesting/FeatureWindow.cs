namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Turns a sample into its feature vector: the sample, its lags and optionally its first difference.</summary>
internal sealed class FeatureWindow
{
    private readonly int _lags;
    private readonly bool _differences;
    private readonly int _width;
    private readonly double[][] _history;
    private int _count;

    public FeatureWindow(int width, int lags, bool differences)
    {
        _width = width;
        _lags = lags;
        _differences = differences;
        _history = new double[Math.Max(lags, differences ? 1 : 0) + 1][];
        for (var i = 0; i < _history.Length; i++)
        {
            _history[i] = new double[width];
        }
    }

    public int FeatureCount => (_width * (_lags + 1)) + (_differences ? _width : 0);

    /// <summary>True once enough samples are seen for a full feature vector.</summary>
    public bool IsFull => _count >= _history.Length;

    /// <summary>Adds a sample and writes its features; returns false while the window is not yet full.</summary>
    public bool Push(ReadOnlySpan<double> sample, Span<double> features)
    {
        var last = _history[^1];
        Array.Copy(_history, 0, _history, 1, _history.Length - 1);
        _history[0] = last;
        sample.CopyTo(last);
        _count++;
        if (!IsFull)
        {
            return false;
        }

        for (var lag = 0; lag <= _lags; lag++)
        {
            _history[lag].AsSpan().CopyTo(features.Slice(lag * _width, _width));
        }

        if (_differences)
        {
            var offset = _width * (_lags + 1);
            for (var i = 0; i < _width; i++)
            {
                features[offset + i] = _history[0][i] - _history[1][i];
            }
        }

        return true;
    }
}
