using System.Globalization;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Numerics;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>
/// The joint model of one area. It keeps each sensor's latest value; each time every sensor has
/// reported again, that snapshot is a sample: the first <see cref="MultivariateOptions.TrainingSamples"/>
/// fit a PCA (sensors that first report after the fit are not in the model), the later ones are
/// scored by T² and Q against limits from the training scores. The explanation ranks sensors by
/// their share of (T²/limit + Q/limit), from their contributions to each statistic.
/// </summary>
public sealed class AreaMonitor(MultivariateOptions options)
{
    public const string DetectorName = "multivariate";
    private readonly Dictionary<AreaState, PcaModel> _models = new(ReferenceEqualityComparer.Instance);

    public DetectorFinding? Update(Reading reading, AreaState state)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(state);
        var index = state.SensorIds.IndexOf(reading.SensorId);
        if (index < 0)
        {
            if (state.Model is not null)
            {
                return null;
            }

            state.SensorIds.Add(reading.SensorId);
            state.Latest.Add(reading.Value);
            state.Fresh.Add(false);
            return null;
        }

        state.Latest[index] = reading.Value;
        state.Fresh[index] = true;
        if (state.SensorIds.Count < options.MinimumSensors || state.Fresh.Contains(false))
        {
            return null;
        }

        for (var i = 0; i < state.Fresh.Count; i++)
        {
            state.Fresh[i] = false;
        }

        return state.Model is null ? Learn(state) : Score(reading, state);
    }

    /// <summary>Drops cached models (after a restore the state's model is rebuilt on first use).</summary>
    public void Forget(AreaState state) => _models.Remove(state);

    private DetectorFinding? Learn(AreaState state)
    {
        state.Training.Add(state.Latest.ToArray());
        if (state.Training.Count < options.TrainingSamples)
        {
            return null;
        }

        var rows = state.Training.Select(row => row.ToArray()).ToArray();
        var model = PcaModel.Fit(rows, options.Pca);
        var scores = rows.Select(row => model.Evaluate(row)).ToArray();
        state.T2Limit = Math.Max(Quantile.Of(scores.Select(s => s.T2).ToArray(), options.LimitQuantile) * options.LimitFactor, 1e-9);
        state.QLimit = Math.Max(Quantile.Of(scores.Select(s => s.Q).ToArray(), options.LimitQuantile) * options.LimitFactor, 1e-9);
        state.Model = model.ToState();
        state.Training.Clear();
        _models[state] = model;
        return null;
    }

    private DetectorFinding? Score(Reading reading, AreaState state)
    {
        if (!_models.TryGetValue(state, out var model))
        {
            model = PcaModel.FromState(state.Model!);
            _models[state] = model;
        }

        var p = model.Variables;
        Span<double> sample = p <= 64 ? stackalloc double[p] : new double[p];
        Span<double> q = p <= 64 ? stackalloc double[p] : new double[p];
        Span<double> t2 = p <= 64 ? stackalloc double[p] : new double[p];
        for (var i = 0; i < p; i++)
        {
            sample[i] = state.Latest[i];
        }

        var score = model.Evaluate(sample, q, t2);
        var qRatio = score.Q / state.QLimit;
        var tRatio = score.T2 / state.T2Limit;
        var combined = Math.Max(qRatio, tRatio);
        state.Above = combined >= 1 ? state.Above + 1 : 0;
        if (state.Above < options.ConsecutiveToAlarm)
        {
            return null;
        }

        var explanation = Explain(state, model, sample, q, t2, score, qRatio, tRatio);
        return new DetectorFinding(
            DetectorName,
            combined >= 3 ? RiskLevel.Orange : RiskLevel.Yellow,
            Math.Clamp(1 - (1 / (combined * combined)), 0.5, 1.0),
            combined,
            reading.Time,
            explanation);
    }

    private Explanation Explain(AreaState state, PcaModel model, ReadOnlySpan<double> sample, ReadOnlySpan<double> q, ReadOnlySpan<double> t2, PcaScore score, double qRatio, double tRatio)
    {
        var t2Total = 0.0;
        foreach (var c in t2)
        {
            t2Total += c;
        }

        var shares = new double[sample.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            var fromQ = score.Q > 0 ? q[i] / score.Q : 0;
            var fromT2 = t2Total > 0 ? t2[i] / t2Total : 0;
            shares[i] = ((qRatio * fromQ) + (tRatio * fromT2)) / (qRatio + tRatio);
        }

        var contributions = Enumerable.Range(0, shares.Length)
            .OrderByDescending(i => shares[i])
            .Take(options.MaxContributors)
            .Select(i => new SensorContribution(
                state.SensorIds[i],
                state.Latest[i],
                model.Mean(i) - (3 * model.Scale(i)),
                model.Mean(i) + (3 * model.Scale(i)),
                shares[i],
                string.Create(CultureInfo.InvariantCulture, $"share of T²/limit {tRatio:F2} + Q/limit {qRatio:F2}")))
            .ToArray();
        var summary = string.Create(CultureInfo.InvariantCulture, $"joint behaviour off normal (T² {tRatio:F1}× limit, Q {qRatio:F1}× limit), led by {contributions[0].SensorId}");
        return new Explanation(summary, contributions);
    }
}
