namespace SafetyLedger.RiskCore.Alerts;

/// <summary>No alert stream exists for the tenant and id.</summary>
public sealed class AlertNotFoundException : KeyNotFoundException
{
    public AlertNotFoundException()
    {
    }

    public AlertNotFoundException(string message) : base(message)
    {
    }

    public AlertNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
