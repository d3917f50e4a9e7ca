namespace SafetyLedger.RiskCore.Response;

/// <summary>Sends commands to a site's DCS. Called only after the command is durably ledgered.</summary>
public interface IDcsCommandPublisher
{
    Task PublishAsync(DcsCommand command, CancellationToken cancellationToken);
}
