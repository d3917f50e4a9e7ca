namespace SafetyLedger.RiskCore.Alerts;

/// <summary>A detector's family is its name up to the first '/' (<c>rules</c>, <c>drift</c>, <c>multivariate</c>).</summary>
public static class DetectorFamilies
{
    public static string Of(string detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var slash = detector.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? detector : detector[..slash];
    }
}
