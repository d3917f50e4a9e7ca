using MathNet.Numerics.LinearAlgebra;

namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>
/// PCA of standardized variables fitted on normal operation. Scores a sample by T² and Q and
/// splits both into per-variable contributions.
/// </summary>
public sealed class PcaModel
{
    private const double MinEigenvalue = 1e-9;
    private readonly double[] _means;
    private readonly double[] _scales;
    private readonly double[] _eigenvalues;
    private readonly double[] _loadings;

    private PcaModel(double[] means, double[] scales, double[] eigenvalues, double[] loadings)
    {
        _means = means;
        _scales = scales;
        _eigenvalues = eigenvalues;
        _loadings = loadings;
    }

    public int Variables => _means.Length;

    public int Components => _eigenvalues.Length;

    public double Mean(int variable) => _means[variable];

    public double Scale(int variable) => _scales[variable];

    public static PcaModel Fit(IReadOnlyList<double[]> rows, PcaOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (rows.Count < 3)
        {
            throw new ArgumentException("PCA needs at least three samples.", nameof(rows));
        }

        var p = rows[0].Length;
        var (means, scales) = Standardization(rows, p, options.RelativeScaleFloor);
        var z = Matrix<double>.Build.Dense(rows.Count, p, (r, c) => (rows[r][c] - means[c]) / scales[c]);
        var covariance = z.TransposeThisAndMultiply(z) / (rows.Count - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, p).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var total = order.Sum(i => Math.Max(evd.EigenValues[i].Real, 0));
        var k = ChooseComponents(order.Select(i => Math.Max(evd.EigenValues[i].Real, 0)).ToArray(), total, options, p);
        var eigenvalues = new double[k];
        var loadings = new double[p * k];
        for (var a = 0; a < k; a++)
        {
            eigenvalues[a] = Math.Max(evd.EigenValues[order[a]].Real, MinEigenvalue);
            for (var i = 0; i < p; i++)
            {
                loadings[(i * k) + a] = evd.EigenVectors[i, order[a]];
            }
        }

        return new PcaModel(means, scales, eigenvalues, loadings);
    }

    public static PcaModel FromState(PcaModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new PcaModel([.. state.Means], [.. state.Scales], [.. state.Eigenvalues], [.. state.Loadings]);
    }

    public PcaModelState ToState() => new(_means.ToArray(), _scales.ToArray(), _eigenvalues.ToArray(), _loadings.ToArray());

    /// <summary>Scores one sample. When given, <paramref name="qShares"/> and <paramref name="t2Shares"/> receive each variable's contribution.</summary>
    public PcaScore Evaluate(ReadOnlySpan<double> sample, Span<double> qShares = default, Span<double> t2Shares = default)
    {
        var p = _means.Length;
        var k = _eigenvalues.Length;
        Span<double> z = p <= 256 ? stackalloc double[p] : new double[p];
        Span<double> t = k <= 256 ? stackalloc double[k] : new double[k];
        for (var i = 0; i < p; i++)
        {
            z[i] = (sample[i] - _means[i]) / _scales[i];
        }

        var t2 = Project(z, t);
        var q = 0.0;
        for (var i = 0; i < p; i++)
        {
            var reconstructed = 0.0;
            var weighted = 0.0;
            for (var a = 0; a < k; a++)
            {
                var loading = _loadings[(i * k) + a];
                reconstructed += loading * t[a];
                weighted += t[a] * loading / _eigenvalues[a];
            }

            var residual = z[i] - reconstructed;
            q += residual * residual;
            if (!qShares.IsEmpty)
            {
                qShares[i] = residual * residual;
            }

            if (!t2Shares.IsEmpty)
            {
                t2Shares[i] = Math.Max(0, z[i] * weighted);
            }
        }

        return new PcaScore(t2, q);
    }

    private double Project(ReadOnlySpan<double> z, Span<double> t)
    {
        var k = _eigenvalues.Length;
        var t2 = 0.0;
        for (var a = 0; a < k; a++)
        {
            var sum = 0.0;
            for (var i = 0; i < z.Length; i++)
            {
                sum += _loadings[(i * k) + a] * z[i];
            }

            t[a] = sum;
            t2 += sum * sum / _eigenvalues[a];
        }

        return t2;
    }

    private static (double[] Means, double[] Scales) Standardization(IReadOnlyList<double[]> rows, int p, double relativeFloor)
    {
        var means = new double[p];
        var scales = new double[p];
        for (var c = 0; c < p; c++)
        {
            var mean = 0.0;
            foreach (var row in rows)
            {
                mean += row[c];
            }

            mean /= rows.Count;
            var variance = 0.0;
            foreach (var row in rows)
            {
                variance += (row[c] - mean) * (row[c] - mean);
            }

            var scale = Math.Max(Math.Sqrt(variance / (rows.Count - 1)), relativeFloor * Math.Abs(mean));
            means[c] = mean;
            scales[c] = scale > 1e-12 * Math.Max(1, Math.Abs(mean)) ? scale : 1;
        }

        return (means, scales);
    }

    private static int ChooseComponents(double[] sortedEigenvalues, double total, PcaOptions options, int p)
    {
        var limit = Math.Max(1, Math.Min(options.MaxComponents, p - 1));
        var cumulative = 0.0;
        for (var a = 0; a < limit; a++)
        {
            cumulative += sortedEigenvalues[a];
            if (total <= 0 || cumulative / total >= options.VarianceToExplain)
            {
                return a + 1;
            }
        }

        return limit;
    }
}
