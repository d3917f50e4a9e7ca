namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>A command body on an alert: it names the version of the alert the caller saw.</summary>
public interface IAlertCommandBody
{
    long ExpectedVersion { get; }
}
