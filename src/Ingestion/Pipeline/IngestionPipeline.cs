using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Clock;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Normalisation;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;

namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>
/// The one path every payload takes, whatever its transport: size, parse, sensor, value, unit, range
/// and time checks; accepted readings and dead letters stored durably (duplicates dropped by the
/// store); then the new readings handed to the risk core. When the task completes, the payload may be
/// acknowledged to its sender; when it throws, nothing may be acknowledged.
/// </summary>
public sealed partial class IngestionPipeline(
    ISensorRegistry registry,
    UnitConverter units,
    SourceClocks clocks,
    ITelemetryStore store,
    IDeadLetterStore deadLetters,
    IDeadLetterPublisher deadLetterPublisher,
    ReadingHandOff handOff,
    IngestionMetrics metrics,
    IOptions<ValidationOptions> options,
    ILogger<IngestionPipeline> logger)
{
    private static readonly FrozenDictionary<SensorKind, string> KindNames =
        Enum.GetValues<SensorKind>().ToFrozenDictionary(k => k, k => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()));

    public async Task<IngestOutcome> IngestAsync(IngestEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var o = options.Value;
        if (envelope.Payload.Length > o.MaxPayloadBytes)
        {
            return await RefuseAsync(envelope with { Payload = envelope.Payload[..o.MaxPayloadBytes] }, Rejections.TooLarge(envelope.Payload.Length, o.MaxPayloadBytes), cancellationToken);
        }

        var parsed = PayloadParser.Parse(envelope.Payload, envelope.Address, o.MaxReadingsPerPayload);
        if (parsed.Rejection is { } refusal)
        {
            return await RefuseAsync(envelope, refusal, cancellationToken);
        }

        var accepted = new List<(TelemetryReading Stored, string Kind)>();
        var letters = new List<DeadLetter>();
        var rejected = new List<RejectedReading>();
        foreach (var incoming in parsed.Readings)
        {
            var (reading, kind, rejection) = Validate(envelope, incoming);
            if (rejection is null)
            {
                accepted.Add((reading!, kind!));
                continue;
            }

            rejected.Add(new RejectedReading(parsed.Readings.Count == 1 && envelope.Address is not null ? null : incoming.Index, rejection.Reason, rejection.Detail));
            var address = incoming.Address;
            var payload = parsed.Readings.Count == 1 ? envelope.Payload : incoming.Raw;
            letters.Add(new DeadLetter(envelope.ReceivedAt, envelope.Transport, envelope.Topic, address?.Tenant ?? envelope.AuthenticatedTenant, address?.Site, address?.SensorId, rejection.Reason, rejection.Detail, payload));
        }

        var storeReadings = accepted.Count > 0
            ? store.AppendAsync(accepted.Select(a => a.Stored).ToList(), cancellationToken)
            : Task.FromResult<IReadOnlyList<bool>>([]);
        var storeLetters = letters.Count > 0 ? deadLetters.AddAsync(letters, cancellationToken) : Task.CompletedTask;
        await Task.WhenAll(storeReadings, storeLetters);
        var inserted = await storeReadings;

        var fresh = new List<ValidatedReading>();
        for (var i = 0; i < accepted.Count; i++)
        {
            if (inserted[i])
            {
                var r = accepted[i].Stored;
                fresh.Add(new ValidatedReading(r.Tenant, r.Site, r.SensorId, accepted[i].Kind, r.SourceTime, r.ReceivedTime, r.CorrectedTime, r.Value, r.Unit, r.Quality, r.Sequence));
            }
        }

        var duplicates = accepted.Count - fresh.Count;
        metrics.CountAccepted(fresh.Count);
        metrics.CountDuplicates(duplicates);
        await AnnounceAsync(letters, cancellationToken);
        if (fresh.Count > 0)
        {
            await handOff.OfferAsync(fresh.OrderBy(r => r.CorrectedTime).ToList(), cancellationToken);
        }

        return new IngestOutcome(fresh.Count, duplicates, rejected);
    }

    /// <summary>Refuses a whole payload (e.g. on a malformed topic) into the dead-letter store.</summary>
    public async Task<IngestOutcome> RefuseAsync(IngestEnvelope envelope, Rejection rejection, CancellationToken cancellationToken)
    {
        var address = envelope.Address;
        var letter = new DeadLetter(envelope.ReceivedAt, envelope.Transport, envelope.Topic, address?.Tenant ?? envelope.AuthenticatedTenant, address?.Site, address?.SensorId, rejection.Reason, rejection.Detail, envelope.Payload);
        await deadLetters.AddAsync([letter], cancellationToken);
        await AnnounceAsync([letter], cancellationToken);
        return new IngestOutcome(0, 0, [new RejectedReading(null, rejection.Reason, rejection.Detail)]);
    }

    private async Task AnnounceAsync(List<DeadLetter> letters, CancellationToken cancellationToken)
    {
        if (letters.Count == 0)
        {
            return;
        }

        foreach (var letter in letters)
        {
            metrics.CountDeadLetter(letter.Reason);
            LogDeadLetter(letter.Transport, letter.Tenant, letter.SensorId, letter.Reason, letter.Detail);
        }

        try
        {
            await deadLetterPublisher.PublishAsync(letters, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogAnnounceFailed(ex, letters.Count);
        }
    }

    private (TelemetryReading? Reading, string? Kind, Rejection? Rejection) Validate(IngestEnvelope envelope, IncomingReading incoming)
    {
        if (incoming.Rejection is { } early)
        {
            return (null, null, early);
        }

        var address = incoming.Address!;
        var sensor = registry.Find(address.Tenant, address.SensorId);
        var value = double.NaN;
        var rejection = CheckAddress(envelope, incoming, sensor)
            ?? (units.TryConvert(incoming.Value, incoming.Unit, sensor!.Registration, out value, out var unitRejection) ? null : unitRejection)
            ?? CheckRange(value, sensor.Registration);
        if (rejection is not null)
        {
            return (null, null, rejection);
        }

        var clock = clocks.Correct($"{address.Tenant}/{address.SensorId}", incoming.SourceTime, envelope.ReceivedAt);
        if (clock.Rejection is { } timeRejection)
        {
            return (null, null, timeRejection);
        }

        var quality = (incoming.Quality ?? "good") + (clock.Corrected ? ",clock_corrected" : string.Empty) + (clock.Late ? ",late" : string.Empty);
        var registration = sensor!.Registration;
        var reading = new TelemetryReading(
            address.Tenant,
            address.Site,
            address.SensorId,
            incoming.SourceTime,
            envelope.ReceivedAt,
            clock.CorrectedTime,
            value,
            registration.Unit,
            incoming.Value,
            incoming.Unit,
            quality,
            incoming.Sequence);
        return (reading, KindName(registration.Kind), null);
    }

    private static Rejection? CheckAddress(IngestEnvelope envelope, IncomingReading incoming, RegisteredSensor? sensor)
    {
        var address = incoming.Address!;
        if (envelope.AuthenticatedTenant is { } tenant && !string.Equals(tenant, address.Tenant, StringComparison.Ordinal))
        {
            return new Rejection(RejectionReasons.TenantMismatch, $"reading {incoming.Index} is for tenant '{address.Tenant}', but the API key is for tenant '{tenant}'");
        }

        if (sensor is null)
        {
            return new Rejection(RejectionReasons.UnknownSensor, $"sensor '{address.SensorId}' is not registered for tenant '{address.Tenant}'");
        }

        return sensor.Registration.Site is { } site && !string.Equals(site, address.Site, StringComparison.Ordinal)
            ? new Rejection(RejectionReasons.InvalidReading, $"sensor '{sensor.Registration.Id}' is registered at site '{site}', not '{address.Site}'")
            : null;
    }

    private Rejection? CheckRange(double value, SensorRegistration sensor)
    {
        var o = options.Value;
        string? problem = null;
        if (sensor.RangeMin is { } min && value < min)
        {
            problem = $"below the registered range minimum {Number(min)}";
        }
        else if (sensor.RangeMax is { } max && value > max)
        {
            problem = $"above the registered range maximum {Number(max)}";
        }
        else if (sensor.Kind is SensorKind.FlammableGas or SensorKind.ToxicGas or SensorKind.Oxygen or SensorKind.Vibration && value < -o.ZeroDriftTolerance)
        {
            problem = "negative beyond the zero-drift tolerance";
        }
        else if (sensor.Kind == SensorKind.Temperature && units.TryConvert(value, sensor.Unit, sensor with { Unit = "°C" }, out var celsius, out _) && celsius < o.MinTemperatureCelsius)
        {
            problem = "below absolute zero";
        }

        return problem is null ? null : new Rejection(RejectionReasons.OutOfRange, $"value {Number(value)} {sensor.Unit} is {problem}");
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    internal static string KindName(SensorKind kind) => KindNames.TryGetValue(kind, out var name) ? name : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead letter ({Transport}, tenant {Tenant}, sensor {SensorId}): {Reason}: {Detail}")]
    private partial void LogDeadLetter(string transport, string? tenant, string? sensorId, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead letters are stored but could not be announced on MQTT")]
    private partial void LogAnnounceFailed(Exception exception, int count);
}
