namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Level-shift evidence of one stream: |mean of the last <c>recent</c> values − mean of the <c>baseline</c>
/// values before them| ÷ (standard deviation of that baseline + <c>noiseFloor</c> × the range of all values
/// seen so far). The floor keeps a flat baseline from turning every small step into a huge score.
/// Returns NaN until <c>recent + baseline</c> values are seen. Memory is a ring of that many values.
/// </summary>
internal sealed class LevelShift
{
    private readonly int _recent;
    private readonly int _baseline;
    private readonly double _noiseFloor;
    private readonly double[] _ring;
    private long _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public LevelShift(int recent, int baseline, double noiseFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recent, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseline, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(noiseFloor);
        _recent = recent;
        _baseline = baseline;
        _noiseFloor = noiseFloor;
        _ring = new double[recent + baseline];
    }

    /// <summary>Adds the value and returns the shift of the recent mean against the baseline before it.</summary>
    public double Next(double value)
    {
        _ring[_count % _ring.Length] = value;
        _count++;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        if (_count < _ring.Length)
        {
            return double.NaN;
        }

        var oldest = _count - _ring.Length;
        var baselineMean = Mean(oldest, _baseline);
        var recentMean = Mean(oldest + _baseline, _recent);
        var squares = 0.0;
        for (var i = 0; i < _baseline; i++)
        {
            var deviation = At(oldest + i) - baselineMean;
            squares += deviation * deviation;
        }

        var spread = Math.Sqrt(squares / _baseline) + (_noiseFloor * Math.Max(_max - _min, 1e-9));
        return Math.Abs(recentMean - baselineMean) / spread;
    }

    private double Mean(long first, int length)
    {
        var sum = 0.0;
        for (var i = 0; i < length; i++)
        {
            sum += At(first + i);
        }

        return sum / length;
    }

    private double At(long row) => _ring[row % _ring.Length];
}
