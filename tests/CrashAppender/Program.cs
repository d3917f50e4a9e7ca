using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

// Usage: CrashAppender DATA_DIR
// Appends batches of events until killed; after each acknowledged append prints
// "ack FIRST LAST" on stdout (flushed), so the parent knows what must survive a SIGKILL.
var options = new LedgerStorageOptions { DataDirectory = args[0] };
await using var store = SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
var stdout = Console.Out;
var batch = 0L;
while (true)
{
    batch++;
    var stream = $"crash-{batch % 7}";
    var events = Enumerable.Range(0, 1 + (int)(batch % 5))
        .Select(i => new EventData(
            "CrashProbe",
            "tenant-a",
            DateTimeOffset.UtcNow,
            Encoding.UTF8.GetBytes($"{{\"batch\":{batch},\"i\":{i}}}")))
        .ToList();
    var result = await store.AppendAsync(new AppendRequest(stream, ExpectedVersion.Any, events), CancellationToken.None);
    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"ack {result.FirstPosition} {result.LastPosition}"));
    await stdout.FlushAsync();
}
