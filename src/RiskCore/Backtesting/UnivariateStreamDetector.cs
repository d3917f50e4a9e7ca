namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Online detector for one stream, in the spirit of the KNN-CAD and CAD-OSE NAB detectors. Three kinds of
/// evidence: the window of the last values against its nearest earlier windows
/// (<see cref="LaggedWindowNeighbours"/>), the recent mean against the baseline before it
/// (<see cref="LevelShift"/>), each ranked against its own recent history (<see cref="ConformalRank"/>), and a
/// value outside everything seen before scored by how far it leaves it (<see cref="RangeNovelty"/>). The score
/// is the largest of the three (the level rank weighted); an alarm needs score ≥ threshold and a rest since the
/// previous alarm of max(minimum rows, a share of the rows seen so far). Fit only warms the state up; every row
/// adapts it. Memory is bounded: the two rings and two rank histories of at most <c>RankCapacity</c> scores.
/// </summary>
public sealed class UnivariateStreamDetector(UnivariateDetectorOptions options) : ISequenceDetector
{
    private readonly LaggedWindowNeighbours _neighbours = new(options.WindowLength, options.Neighbours, options.NeighbourMemory);
    private readonly ConformalRank _rank = new(options.RankWarmUp, options.RankCapacity);
    private readonly LevelShift _level = new(options.LevelWindow, options.LevelBaseline, options.LevelNoiseFloor);
    private readonly ConformalRank _levelRank = new(options.RankWarmUp, options.RankCapacity);
    private readonly RangeNovelty _range = new(options.RangeMargin);
    private long _seen;
    private long _lastAlarm = long.MinValue / 2;

    public string Name => "univariate";

    public void Fit(IReadOnlyList<double[]> normal)
    {
        ArgumentNullException.ThrowIfNull(normal);
        foreach (var row in normal)
        {
            Next(row[0]);
        }
    }

    public DetectionPoint Score(ReadOnlySpan<double> sample)
    {
        var score = Next(sample[0]) / options.Threshold;
        var row = _seen - 1;
        var rest = Math.Max(options.MinimumRestRows, options.RestShareOfRowsSeen * row);
        if (score >= 1.0 && row - _lastAlarm > rest)
        {
            _lastAlarm = row;
            return new DetectionPoint(score, Alarm: true);
        }

        return new DetectionPoint(score, Alarm: false);
    }

    private double Next(double value)
    {
        _seen++;
        var rank = _rank.Next(_neighbours.Next(value));
        var level = options.LevelWeight * _levelRank.Next(_level.Next(value));
        return Math.Max(Math.Max(rank, level), _range.Next(value));
    }
}
