using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Streaming;
using SafetyLedger.RiskCore.Training;

using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>
/// Readings → <see cref="RiskEngine"/> → alerts → tiered response. One consumer, so the engine's
/// per-area state needs no locks. The model in force is the configured model file (checked
/// against the ledger) or, without one, the engine's default version learning online; every alert
/// names it. A reading that fails to produce its alert is logged and the stream goes on.
/// </summary>
public sealed partial class RiskPipeline(
    IReadingSource source,
    AlertService alerts,
    TieredResponder responder,
    ITelemetryDigestLookup digests,
    ModelLoader models,
    TimeProvider time,
    IOptions<RiskEngineOptions> engineOptions,
    IOptions<RiskModelOptions> modelOptions,
    ILogger<RiskPipeline> logger) : BackgroundService
{
    /// <summary>Readings processed so far.</summary>
    public long Processed { get; private set; }

    /// <summary>Readings skipped because they could not be scored (each logged); scoring went on after them.</summary>
    public long Failed { get; private set; }

    /// <summary>Builds the engine for the model in force.</summary>
    public async Task<RiskEngine> CreateEngineAsync(CancellationToken cancellationToken)
    {
        if (modelOptions.Value.File is not { Length: > 0 } path)
        {
            LogModel(engineOptions.Value.ModelVersion, "untrained, learning online");
            return new RiskEngine(engineOptions.Value, time);
        }

        var model = await models.LoadAsync(path, cancellationToken);
        var engine = new RiskEngine(EngineOptionsCopy.WithModelVersion(engineOptions.Value, model.ModelVersion), time);
        engine.Restore(model.Snapshot);
        LogModel(model.ModelVersion, path);
        return engine;
    }

    /// <summary>Runs the source to its end (a replay) or until cancelled (a live channel).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var engine = await CreateEngineAsync(cancellationToken);
        await foreach (var reading in source.ReadAsync(cancellationToken))
        {
            if (!double.IsFinite(reading.Value))
            {
                Failed++;
                LogReadingSkipped(reading.Tenant, reading.Site, reading.SensorId, "not a finite value");
                continue;
            }

            RiskAssessment assessment;
            try
            {
                assessment = engine.Process(reading);
            }
#pragma warning disable CA1031 // One reading that breaks a detector must not stop scoring every other reading.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed++;
                LogScoringFailed(ex, reading.Tenant, reading.Site, reading.SensorId, reading.Time);
                continue;
            }

            Processed++;
            if (assessment.Detectors.Count == 0)
            {
                continue;
            }

            try
            {
                var positions = await digests.FindAsync(reading.Tenant, reading.Site, reading.Time, cancellationToken);
                if (await alerts.ObserveAsync(assessment, positions, cancellationToken) is { } alert)
                {
                    await responder.RespondAsync(alert, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is WrongExpectedVersionException or AlertTransitionException)
            {
                LogAlertFailed(ex, reading.Tenant, reading.Site, reading.Time);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
            LogSourceEnded(Processed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk pipeline running model {ModelVersion} ({Source})")]
    private partial void LogModel(string modelVersion, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scoring the reading of {Tenant}/{Site}/{Sensor} at {Time} failed; the reading is skipped and scoring goes on")]
    private partial void LogScoringFailed(Exception exception, string tenant, string site, string sensor, DateTimeOffset time);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading of {Tenant}/{Site}/{Sensor} skipped: {Reason}")]
    private partial void LogReadingSkipped(string tenant, string site, string sensor, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No alert could be recorded for {Tenant}/{Site} at {Time}")]
    private partial void LogAlertFailed(Exception exception, string tenant, string site, DateTimeOffset time);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading source ended after {Count} readings")]
    private partial void LogSourceEnded(long count);
}
