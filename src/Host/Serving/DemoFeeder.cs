using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Host.Serving;

/// <summary>
/// Appends a plausible trickle of safety events so a first run shows the ledger growing,
/// checkpoints being signed and proofs being served. Off with <c>--no-demo</c>.
/// </summary>
internal sealed partial class DemoFeeder(IEventStore events, IOptions<DemoOptions> options, TimeProvider time, ILogger<DemoFeeder> logger)
    : BackgroundService
{
    private static readonly string[] Areas = ["tank-farm", "reactor-hall", "loading-bay"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        var sequence = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            sequence++;
            var area = Areas[sequence % Areas.Length];
            var payload = JsonSerializer.SerializeToUtf8Bytes(new
            {
                area,
                sensor = $"{area}-gas-{sequence % 4}",
                value = Math.Round(8 + (4 * Math.Sin(sequence / 5.0)), 2),
                unit = "%LEL",
            });
            var data = new EventData("GasReadingSampled", "demo-enterprise", time.GetUtcNow(), payload, new EventMetadata(Actor: "demo-feeder"));
            var result = await events.AppendAsync(new AppendRequest($"demo-{area}", ExpectedVersion.Any, [data]), stoppingToken);
            LogAppended(result.FirstPosition, area);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo event appended at {Position} for {Area}")]
    private partial void LogAppended(long position, string area);
}
