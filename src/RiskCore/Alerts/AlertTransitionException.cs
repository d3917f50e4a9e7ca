namespace SafetyLedger.RiskCore.Alerts;

/// <summary>The command is not allowed in the alert's current state; nothing was appended.</summary>
public sealed class AlertTransitionException : InvalidOperationException
{
    public AlertTransitionException()
    {
    }

    public AlertTransitionException(string message) : base(message)
    {
    }

    public AlertTransitionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
