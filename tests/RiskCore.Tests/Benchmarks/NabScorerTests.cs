using SafetyLedger.RiskCore.Benchmarks.Nab;

namespace SafetyLedger.RiskCore.Tests.Benchmarks;

public sealed class NabScorerTests
{
    private static readonly NabWindow[] Windows = [new(200, 299), new(600, 699)];

    private static double Normalised(bool[] detections, NabProfile profile)
    {
        var raw = NabScorer.Score(detections, Windows, profile).Raw;
        var none = NabScorer.Score(new bool[1000], Windows, profile).Raw;
        var perfect = NabScorer.Score(NabScorer.PerfectDetections(1000, Windows), Windows, profile).Raw;
        return NabScorer.Normalise(raw, none, perfect);
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("reward_low_FP")]
    [InlineData("reward_low_FN")]
    public void Perfect_detector_scores_100_and_null_detector_0(string profileName)
    {
        var profile = NabProfile.Find(profileName)!;
        Assert.Equal(100, Normalised(NabScorer.PerfectDetections(1000, Windows), profile), 9);
        Assert.Equal(0, Normalised(new bool[1000], profile), 9);
    }

    [Fact]
    public void Only_the_first_detection_in_a_window_counts_and_late_detections_earn_less()
    {
        var early = new bool[1000];
        early[200] = true;
        early[201] = true;
        Assert.Equal(1.0 - 1.0, NabScorer.Score(early, Windows, NabProfile.Standard).Raw, 9);
        var late = new bool[1000];
        late[250] = true;
        var expected = (NabScorer.ScaledSigmoid(-50.0 / 100) / NabScorer.ScaledSigmoid(-1)) - 1.0;
        Assert.Equal(expected, NabScorer.Score(late, Windows, NabProfile.Standard).Raw, 9);
    }

    [Fact]
    public void False_positives_cost_the_profile_weight_and_probation_rows_are_not_scored()
    {
        var detections = new bool[1000];
        detections[100] = true;
        detections[160] = true;
        var score = NabScorer.Score(detections, Windows, NabProfile.RewardLowFalsePositives);
        Assert.Equal(150, NabScorer.ProbationLength(1000));
        Assert.Equal(1, score.FalsePositives);
        Assert.Equal(-0.22 - 2.0, score.Raw, 9);
        Assert.Equal(750, NabScorer.ProbationLength(22695));
    }

    [Fact]
    public void A_false_positive_just_after_a_window_costs_less_than_one_far_away()
    {
        var near = new bool[1000];
        near[301] = true;
        var far = new bool[1000];
        far[550] = true;
        var nearCost = NabScorer.Score(near, Windows, NabProfile.Standard).Raw;
        var farCost = NabScorer.Score(far, Windows, NabProfile.Standard).Raw;
        Assert.True(nearCost > farCost);
        Assert.Equal(-2.0 + (0.11 * NabScorer.ScaledSigmoid(2.0 / 99)), nearCost, 9);
    }

    [Fact]
    public void Hand_computed_file_score_matches_the_NAB_sweeper()
    {
        // Windows [200, 299] and [600, 699] (width 100), probation 150 rows of 1000.
        // Row 120: in probation, ignored. Row 180: FP before any window, -0.11.
        // Row 230: first in window 1, position -(299-230+1)/100 = -0.7 -> (2/(1+e^-3.5) - 1) / (2/(1+e^-5) - 1).
        // Row 240: second in window 1, ignored. Row 349: FP 50 rows after window 1, position 50/99.
        // Row 1000-1 = 999: FP 300 rows after window 2, position 300/99 >= 3 -> -1. Window 2 missed: -1.
        var detections = new bool[1000];
        detections[120] = detections[180] = detections[230] = detections[240] = detections[349] = detections[999] = true;
        var score = NabScorer.Score(detections, Windows, NabProfile.Standard);
        var truePositive = ((2 / (1 + Math.Exp(-3.5))) - 1) / ((2 / (1 + Math.Exp(-5))) - 1);
        var afterWindow = (2 / (1 + Math.Exp(5.0 * 50 / 99))) - 1;
        var expected = -0.11 + truePositive + (0.11 * afterWindow) - 0.11 - 1.0;
        Assert.Equal(expected, score.Raw, 12);
        Assert.Equal((1, 3, 1), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
        Assert.Equal(-1.0, NabScorer.ScaledSigmoid(3.0));
    }
}
