using System.Globalization;
using System.Text.Json;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Streaming;

namespace SafetyLedger.RiskCore.Training;

/// <summary>
/// The <c>ledger train</c> verb: trains with <see cref="ModelTrainer"/>, writes
/// <c>{out}/riskcore-model-{version}.json</c>, and ledgers its SHA-256 as <c>ModelTrained</c> on
/// <c>model-{tenant}</c>. Prints one JSON line (version, sha256, file, position) on stdout.
/// Exit 0 ok, 1 rejected input (message on stderr), 2 usage.
/// </summary>
public sealed class TrainCommand(IEventStore store, TimeProvider time, RiskEngineOptions engineOptions, TrainingOptions options)
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;

    public async Task<int> RunAsync(TrainRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (string.IsNullOrWhiteSpace(request.Tenant) || string.IsNullOrWhiteSpace(request.ReadingsFile))
        {
            await stderr.WriteLineAsync("usage: ledger train --tenant TENANT --readings FILE [--out DIR] [--version VERSION]");
            return Usage;
        }

        var version = request.ModelVersion ?? string.Create(CultureInfo.InvariantCulture, $"riskcore-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}");
        if (version.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_')))
        {
            await stderr.WriteLineAsync($"The model version '{version}' may hold only letters, digits, '-', '.' and '_'.");
            return Usage;
        }

        try
        {
            var readings = await ReadAsync(request.ReadingsFile, cancellationToken);
            var labels = await new AlertLabelReader(store, options).ReadAsync(request.Tenant, cancellationToken);
            var model = new ModelTrainer(engineOptions, options, time).Train(request.Tenant, version, readings, labels);
            var bytes = model.ToBytes();
            Directory.CreateDirectory(request.OutputDirectory);
            var fileName = $"riskcore-model-{version}.json";
            var path = Path.Combine(request.OutputDirectory, fileName);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
            var sha = ModelSha256.Of(bytes);
            var trained = new ModelTrained(version, sha, fileName, model.WindowStart, model.WindowEnd, model.ReadingsUsed, model.ReadingsExcluded, model.LabelCounts, model.AreasFitted);
            var data = new EventData(ModelTrained.EventType, request.Tenant, model.TrainedAt, JsonSerializer.SerializeToUtf8Bytes(trained, Alerts.AlertJson.Options));
            var result = await store.AppendAsync(new AppendRequest(ModelTrained.StreamId(request.Tenant), ExpectedVersion.Any, [data]), cancellationToken);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { version, sha256 = sha, file = path, position = result.LastPosition, model.AreasFitted, model.ReadingsUsed, model.ReadingsExcluded }, Alerts.AlertJson.Options));
            return Ok;
        }
        catch (Exception ex) when (ex is ReadingFormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(ex.Message);
            return Rejected;
        }
    }

    private static async Task<List<Reading>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var readings = new List<Reading>();
        await foreach (var reading in ReadingCsv.ReadAsync(reader, cancellationToken))
        {
            readings.Add(reading);
        }

        return readings;
    }
}
