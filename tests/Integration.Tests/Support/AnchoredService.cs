using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Host.Serving;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>
/// <c>ledger serve</c> in process over a fresh data folder, anchoring on <paramref name="rpcUrl"/> with the
/// owner dev key and short periods (checkpoints every 200 ms), deploying its own contract on first anchor.
/// </summary>
public sealed class AnchoredService(Uri rpcUrl, string dataDirectory, IReadOnlyDictionary<string, string?>? overrides = null) : IAsyncDisposable
{
    private WebApplication? app;

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; private set; } = new();

    public IEventStore Events => Services.GetRequiredService<IEventStore>();

    public IAnchorStore Anchors => Services.GetRequiredService<IAnchorStore>();

    public async Task StartAsync()
    {
        var mqttPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Ledger:Checkpoints:Period"] = "00:00:00.200",
            ["Ingestion:Mqtt:Port"] = mqttPort,
            ["RiskCore:Dcs:Port"] = mqttPort,
            ["Anchoring:Chain:RpcUrl"] = rpcUrl.ToString(),
            ["Anchoring:Chain:ChainId"] = DevAccounts.AnvilChainId.ToString(CultureInfo.InvariantCulture),
            ["Anchoring:Chain:PrivateKey"] = DevAccounts.OwnerKey,
            ["Anchoring:Chain:MaxFeePerGasWei"] = "10000000000",
            ["Anchoring:Chain:MaxPriorityFeePerGasWei"] = "1000000000",
            ["Anchoring:Chain:ReceiptPollInterval"] = "00:00:00.050",
            ["Anchoring:Chain:TxTimeout"] = "00:00:20",
            ["Anchoring:Period"] = "00:00:00.300",
            ["Anchoring:PollInterval"] = "00:00:00.100",
            ["Anchoring:RetryMinDelay"] = "00:00:00.100",
            ["Anchoring:RetryMaxDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            configuration[key] = value;
        }

        app = ServiceHost.Build(new ServeSettings(dataDirectory, "http://127.0.0.1:0", Demo: false, configuration));
        await app.StartAsync();
        Client = ServiceClients.Admin(app.Urls.First(), dataDirectory);
    }

    public async Task AppendAsync(int count, string stream = "hazard-1")
    {
        for (var i = 0; i < count; i++)
        {
            var payload = Encoding.UTF8.GetBytes($"{{\"i\":{Events.Count}}}");
            await Events.AppendAsync(new AppendRequest(stream, ExpectedVersion.Any, [new EventData("HazardReported", "tenant-a", DateTimeOffset.UnixEpoch, payload)]), CancellationToken.None);
        }
    }

    /// <summary>Waits until an anchor covers at least <paramref name="treeSize"/> entries; returns it.</summary>
    public async Task<StoredAnchor> WaitForAnchorAsync(long treeSize, TimeSpan timeout)
    {
        StoredAnchor? covering = null;
        await WaitUntilAsync(
            async () => (covering = await Anchors.LatestAsync(CancellationToken.None)) is { } latest && latest.Record.TreeSize >= treeSize,
            timeout,
            $"No anchor covering {treeSize} entries within {timeout}.");
        return covering!;
    }

    /// <summary>Waits until an anchor covers at least <paramref name="treeSize"/> entries and every anchor record has its <c>Anchored</c> entry.</summary>
    public async Task<StoredAnchor> WaitForAnchorAndEntriesAsync(long treeSize, TimeSpan timeout)
    {
        var anchor = await WaitForAnchorAsync(treeSize, timeout);
        await WaitUntilAsync(
            async () => await AnchoredEntriesAsync(anchor.Record.ChainId) >= await Anchors.ListAsync(CancellationToken.None).CountAsync(),
            timeout,
            $"Not every anchor got its Anchored entry within {timeout}.");
        return anchor;
    }

    /// <summary>How many <c>Anchored</c> entries the ledger holds for chain <paramref name="chainId"/>.</summary>
    public async Task<int> AnchoredEntriesAsync(long chainId) =>
        (await Events.ReadStreamAsync(Anchorer.StreamId(chainId), 0, int.MaxValue, CancellationToken.None)).Count(e => e.EventType == Anchorer.EventType);

    /// <summary>Waits until the latest checkpoint covers at least <paramref name="treeSize"/> entries.</summary>
    public Task WaitForCheckpointAsync(long treeSize, TimeSpan timeout)
    {
        var checkpoints = Services.GetRequiredService<ICheckpointStore>();
        return WaitUntilAsync(
            async () => await checkpoints.LatestAsync(CancellationToken.None) is { } latest && latest.TreeSize >= treeSize,
            timeout,
            $"No checkpoint of size {treeSize} within {timeout}.");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException exception)
            {
                throw new TimeoutException(failure, exception);
            }
        }
    }

    /// <summary>Saves what <paramref name="path"/> serves to a file in the data folder and returns its path.</summary>
    public async Task<string> SaveAsync(string path)
    {
        var file = Path.Combine(dataDirectory, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, await Client.GetStringAsync(new Uri(path, UriKind.Relative)));
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }
}
