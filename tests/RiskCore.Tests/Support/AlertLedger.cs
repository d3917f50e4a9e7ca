using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>A real SQLite ledger in a temp folder with the alert service and tiered responder over it, on a fake clock.</summary>
internal sealed class AlertLedger : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    public AlertLedger(ResponseOptions? response = null, IDcsCommandPublisher? innerPublisher = null)
    {
        Store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = Path.Combine(_folder.Path, "data"), Synchronous = SynchronousMode.Normal }, Time, NullLogger<SqliteLedgerStore>.Instance);
        Alerts = new AlertService(Store, Time, Options.Create(new AlertOptions()), NullLogger<AlertService>.Instance);
        Publisher = new LedgerCheckingPublisher(Store, innerPublisher);
        Responder = new TieredResponder(Alerts, Publisher, Time, Options.Create(response ?? new ResponseOptions()), NullLogger<TieredResponder>.Instance);
    }

    public string Folder => _folder.Path;

    public FakeTimeProvider Time { get; } = new(Some.Start);

    public SqliteLedgerStore Store { get; }

    public AlertService Alerts { get; }

    public LedgerCheckingPublisher Publisher { get; }

    public TieredResponder Responder { get; }

    public async Task<IReadOnlyList<LedgerEntry>> StreamAsync(Alert alert) =>
        await Store.ReadStreamAsync(alert.StreamId, 0, 1000, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Alerts.Dispose();
        await Store.DisposeAsync();
        _folder.Dispose();
    }
}
