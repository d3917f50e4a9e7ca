namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// KNN-CAD-like non-conformity of one stream: the mean Euclidean distance between the window of the
/// last <c>width</c> values and its <c>neighbours</c> nearest earlier windows that end at most
/// <c>memory</c> rows back (and do not overlap it), divided by the range of all values seen so far.
/// Returns NaN until enough history exists. Memory is a ring of <c>memory + width</c> values stored twice
/// in a row, so every window is one contiguous span.
/// </summary>
internal sealed class LaggedWindowNeighbours
{
    private readonly int _width;
    private readonly int _memory;
    private readonly int _length;
    private readonly double[] _ring;
    private readonly double[] _nearest;
    private long _count;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public LaggedWindowNeighbours(int width, int neighbours, int memory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, width + neighbours);
        _width = width;
        _memory = memory;
        _length = memory + width;
        _ring = new double[2 * _length];
        _nearest = new double[neighbours];
    }

    /// <summary>Adds the value and returns the non-conformity of the window that ends with it.</summary>
    public double Next(double value)
    {
        var slot = (int)(_count % _length);
        _ring[slot] = value;
        _ring[slot + _length] = value;
        _count++;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        var last = _count - 1;
        var oldestEnd = Math.Max(_width - 1, last - _memory);
        var newestEnd = last - _width;
        if (newestEnd - oldestEnd < _nearest.Length)
        {
            return double.NaN;
        }

        Array.Fill(_nearest, double.MaxValue);
        for (var end = oldestEnd; end <= newestEnd; end++)
        {
            Insert(SquaredDistance(last, end));
        }

        var sum = 0.0;
        foreach (var squared in _nearest)
        {
            sum += Math.Sqrt(squared);
        }

        return sum / _nearest.Length / Math.Max(_max - _min, 1e-9);
    }

    private double SquaredDistance(long end, long otherEnd)
    {
        var window = Window(end);
        var other = Window(otherEnd);
        var sum = 0.0;
        for (var i = 0; i < window.Length; i++)
        {
            var difference = window[i] - other[i];
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>The <c>width</c> values that end at the given row, oldest first.</summary>
    private ReadOnlySpan<double> Window(long end) => _ring.AsSpan((int)(end % _length) + _length - _width + 1, _width);

    private void Insert(double squared)
    {
        var slot = _nearest.Length - 1;
        if (squared >= _nearest[slot])
        {
            return;
        }

        while (slot > 0 && _nearest[slot - 1] > squared)
        {
            _nearest[slot] = _nearest[slot - 1];
            slot--;
        }

        _nearest[slot] = squared;
    }
}
