namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>
/// Which alerts to list: always one tenant, optionally one site and one state; newest first, at most
/// <paramref name="Limit"/> rows after <paramref name="After"/> (the last row of the previous page).
/// </summary>
public sealed record AlertQuery(string Tenant, string? Site = null, AlertState? State = null, AlertCursor? After = null, int Limit = AlertQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
}
