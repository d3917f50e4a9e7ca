namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary>
/// A real anvil node for a test class, started from the binary scripts/install-tools.sh installs
/// (the tests fail, never skip, when it is missing) and killed by PID when the class is done.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? node;

    internal AnvilNode Node => node ?? throw new InvalidOperationException("anvil is not started.");

    public async Task InitializeAsync() => node = await AnvilNode.StartAsync();

    public Task DisposeAsync()
    {
        node?.Dispose();
        return Task.CompletedTask;
    }
}
