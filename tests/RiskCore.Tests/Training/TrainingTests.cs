using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Multivariate;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Streaming;
using SafetyLedger.RiskCore.Tests.Support;
using SafetyLedger.RiskCore.Training;

namespace SafetyLedger.RiskCore.Tests.Training;

public sealed class TrainingTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static RiskEngineOptions Engine => new() { Multivariate = new MultivariateOptions { TrainingSamples = 60 } };

    [Fact]
    public async Task Training_writes_a_model_file_whose_sha256_is_ledgered_and_alerts_name_its_version()
    {
        await using var ledger = new AlertLedger();
        await LabelMaintenanceAsync(ledger, minutesFromStart: 150);
        var readings = Path.Combine(ledger.Folder, "train.csv");
        await File.WriteAllLinesAsync(readings, [ReadingCsv.Header, .. NormalOperation(200).Select(ReadingCsv.Format)], None);
        var output = Path.Combine(ledger.Folder, "models");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await new TrainCommand(ledger.Store, ledger.Time, Engine, new TrainingOptions())
            .RunAsync(new TrainRequest("tenant-1", readings, output, "v7"), stdout, stderr, None);

        Assert.Equal(TrainCommand.Ok, exit);
        Assert.Equal(string.Empty, stderr.ToString());
        var file = Path.Combine(output, "riskcore-model-v7.json");
        var sha = ModelSha256.Of(await File.ReadAllBytesAsync(file, None));
        var entry = (await ledger.Store.ReadStreamAsync(ModelTrained.StreamId("tenant-1"), 0, 10, None)).Single();
        var trained = AlertJson.Deserialize<ModelTrained>(entry.Payload);
        Assert.Equal(ModelTrained.EventType, entry.EventType);
        Assert.Equal(sha, trained.Sha256);
        Assert.Equal("v7", trained.ModelVersion);
        Assert.Equal(1, trained.AreasFitted);
        Assert.Equal(1, trained.LabelCounts["maintenance"]);
        Assert.True(trained.ReadingsExcluded > 0);
        Assert.Equal(Some.Start, trained.WindowStart);
        using var printed = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(sha, printed.RootElement.GetProperty("sha256").GetString());

        var alert = await RunPipelineAsync(ledger, file, [.. GasOverLevelOne(minute: 300)]);

        Assert.Equal("v7", alert.ModelVersion);
        Assert.Equal(RiskLevel.Orange, alert.Level);
    }

    [Fact]
    public async Task A_model_file_that_differs_from_its_ledgered_sha256_is_refused()
    {
        await using var ledger = new AlertLedger();
        var readings = Path.Combine(ledger.Folder, "train.csv");
        await File.WriteAllLinesAsync(readings, [ReadingCsv.Header, .. NormalOperation(100).Select(ReadingCsv.Format)], None);
        var output = Path.Combine(ledger.Folder, "models");
        Assert.Equal(TrainCommand.Ok, await new TrainCommand(ledger.Store, ledger.Time, Engine, new TrainingOptions())
            .RunAsync(new TrainRequest("tenant-1", readings, output, "v1"), TextWriter.Null, TextWriter.Null, None));
        var file = Path.Combine(output, "riskcore-model-v1.json");
        await File.AppendAllTextAsync(file, " ", None);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ModelLoader(ledger.Store).LoadAsync(file, None));

        Assert.Contains("does not match the ledgered SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "x.csv", TrainCommand.Usage)]
    [InlineData("tenant-1", null, TrainCommand.Usage)]
    [InlineData("tenant-1", "missing.csv", TrainCommand.Rejected)]
    public async Task Train_rejects_missing_arguments_and_unreadable_files(string? tenant, string? file, int expected)
    {
        await using var ledger = new AlertLedger();
        using var stderr = new StringWriter();

        var exit = await new TrainCommand(ledger.Store, ledger.Time, Engine, new TrainingOptions())
            .RunAsync(new TrainRequest(tenant, file is null ? null : Path.Combine(ledger.Folder, file)), TextWriter.Null, stderr, None);

        Assert.Equal(expected, exit);
        Assert.NotEqual(string.Empty, stderr.ToString());
    }

    private static async Task<Alert> RunPipelineAsync(AlertLedger ledger, string modelFile, IReadOnlyList<Reading> readings)
    {
        var replay = Path.Combine(ledger.Folder, "replay.csv");
        await File.WriteAllLinesAsync(replay, [ReadingCsv.Header, .. readings.Select(ReadingCsv.Format)], None);
        var pipeline = new RiskPipeline(
            new CsvReadingSource(Options.Create(new ReplayOptions { File = replay })),
            ledger.Alerts,
            ledger.Responder,
            new NoTelemetryDigests(),
            new ModelLoader(ledger.Store),
            ledger.Time,
            Options.Create(Engine),
            Options.Create(new RiskModelOptions { File = modelFile }),
            NullLogger<RiskPipeline>.Instance);

        await pipeline.RunAsync(None);

        Assert.Equal(readings.Count, pipeline.Processed);
        return Assert.Single(await ledger.Alerts.OpenAlertsAsync(None));
    }

    private static async Task LabelMaintenanceAsync(AlertLedger ledger, int minutesFromStart)
    {
        ledger.Time.Advance(TimeSpan.FromMinutes(minutesFromStart));
        var alert = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow, 0.5, detector: "drift", minute: minutesFromStart), [], None))!;
        ledger.Time.Advance(TimeSpan.FromMinutes(10));
        var acknowledged = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", alert.AlertId, alert.Version, "op-1"), None);
        await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", alert.AlertId, acknowledged.Version, "op-1", AlertLabel.Maintenance, "pump swap"), None);
    }

    private static IEnumerable<Reading> NormalOperation(int minutes)
    {
        var random = new Random(11);
        for (var minute = 0; minute < minutes; minute++)
        {
            var load = random.NextDouble();
            yield return Some.Reading("t-1", SensorKinds.Temperature, 60 + (10 * load) + random.NextDouble(), "°C", minute);
            yield return Some.Reading("p-1", SensorKinds.Pressure, 1.0 + (0.2 * load) + (0.02 * random.NextDouble()), "MPa", minute);
        }
    }

    private static IEnumerable<Reading> GasOverLevelOne(int minute)
    {
        for (var i = 0; i < 5; i++)
        {
            yield return Some.Gas(30 + i, minute + i);
        }
    }
}
