using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>A DCS link that can be cut: while <see cref="Down"/>, every publish throws as an unreachable broker would.</summary>
internal sealed class SwitchablePublisher : IDcsCommandPublisher
{
    public bool Down { get; set; }

    public List<DcsCommand> Delivered { get; } = [];

    public Task PublishAsync(DcsCommand command, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new IOException("connection refused");
        }

        Delivered.Add(command);
        return Task.CompletedTask;
    }
}
