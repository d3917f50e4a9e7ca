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

    /// <summary>Runs one payload through the pipeline (see <see cref="IngestAsync(IReadOnlyList{IngestEnvelope}, CancellationToken)"/>).</summary>
    public async Task<IngestOutcome> IngestAsync(IngestEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return (await IngestAsync([envelope], cancellationToken))[0];
    }

    /// <summary>
    /// Runs payloads through the pipeline together: their readings are stored in one write and their dead letters
    /// in another, and the new readings are offered to the hand-off in one corrected-time order. An MQTT payload
    /// whose topic named no sensor is refused whole. When the task completes, every payload may be acknowledged;
    /// when it throws, none may.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<IngestEnvelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        var accepted = new List<(TelemetryReading Stored, string Kind, int Envelope)>(envelopes.Count);
        var letters = new List<DeadLetter>();
        var rejected = new List<RejectedReading>?[envelopes.Count];
        Examine(envelopes, accepted, letters, rejected);

        var readings = new TelemetryReading[accepted.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = accepted[i].Stored;
        }

        var storeReadings = readings.Length > 0 ? store.AppendAsync(readings, cancellationToken) : Task.FromResult<IReadOnlyList<bool>>([]);
        var storeLetters = letters.Count > 0 ? deadLetters.AddAsync(letters, cancellationToken) : Task.CompletedTask;
        await Task.WhenAll(storeReadings, storeLetters);
        var inserted = await storeReadings;

        var fresh = new List<ValidatedReading>(readings.Length);
        var counts = new (int Accepted, int Duplicates)[envelopes.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            var e = accepted[i].Envelope;
            if (!inserted[i])
            {
                counts[e].Duplicates++;
                continue;
            }

            counts[e].Accepted++;
            var r = readings[i];
            fresh.Add(new ValidatedReading(r.Tenant, r.Site, r.SensorId, accepted[i].Kind, r.SourceTime, r.ReceivedTime, r.CorrectedTime, r.Value, r.Unit, r.Quality, r.Sequence));
        }

        metrics.CountAccepted(fresh.Count);
        metrics.CountDuplicates(readings.Length - fresh.Count);
        await AnnounceAsync(letters, cancellationToken);
        if (fresh.Count > 0)
        {
            await handOff.OfferAsync(fresh.OrderBy(static r => r.CorrectedTime).ToList(), cancellationToken); // stable: arrival order among equal times
        }

        var outcomes = new IngestOutcome[envelopes.Count];
        for (var e = 0; e < outcomes.Length; e++)
        {
            outcomes[e] = new IngestOutcome(counts[e].Accepted, counts[e].Duplicates, rejected[e] ?? (IReadOnlyList<RejectedReading>)[]);
        }

        return outcomes;
    }

    /// <summary>Refuses a whole payload (e.g. on a malformed topic) into the dead-letter store.</summary>
    public async Task<IngestOutcome> RefuseAsync(IngestEnvelope envelope, Rejection rejection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(rejection);
        var letter = Letter(envelope, envelope.Address, rejection, envelope.Payload);
        await deadLetters.AddAsync([letter], cancellationToken);
        await AnnounceAsync([letter], cancellationToken);
        return new IngestOutcome(0, 0, [new RejectedReading(null, rejection.Reason, rejection.Detail)]);
    }

    /// <summary>Screens, parses and validates every payload: accepted readings, dead letters and each payload's refusals.</summary>
    private void Examine(
        IReadOnlyList<IngestEnvelope> envelopes,
        List<(TelemetryReading Stored, string Kind, int Envelope)> accepted,
        List<DeadLetter> letters,
        List<RejectedReading>?[] rejected)
    {
        for (var e = 0; e < envelopes.Count; e++)
        {
            var envelope = envelopes[e];
            var refusal = Screen(envelope, out var parsed);
            if (refusal is not null)
            {
                var payload = envelope.Payload.Length > options.Value.MaxPayloadBytes ? envelope.Payload[..options.Value.MaxPayloadBytes] : envelope.Payload;
                letters.Add(Letter(envelope, envelope.Address, refusal, payload));
                rejected[e] = [new RejectedReading(null, refusal.Reason, refusal.Detail)];
                continue;
            }

            foreach (var incoming in parsed!.Readings)
            {
                var (reading, kind, rejection) = Validate(envelope, incoming);
                if (rejection is null)
                {
                    accepted.Add((reading!, kind!, e));
                    continue;
                }

                (rejected[e] ??= []).Add(new RejectedReading(parsed.Readings.Count == 1 && envelope.Address is not null ? null : incoming.Index, rejection.Reason, rejection.Detail));
                letters.Add(Letter(envelope, incoming.Address, rejection, parsed.Readings.Count == 1 ? envelope.Payload : incoming.Raw));
            }
        }
    }

    /// <summary>Why a whole payload is refused before its readings are looked at, if it is; otherwise its parsed readings.</summary>
    private Rejection? Screen(IngestEnvelope envelope, out ParsedPayload? parsed)
    {
        parsed = null;
        var o = options.Value;
        if (envelope.Transport == IngestEnvelope.Mqtt && envelope.Address is null)
        {
            return Rejections.InvalidTopic(envelope.Topic);
        }

        if (envelope.Payload.Length > o.MaxPayloadBytes)
        {
            return Rejections.TooLarge(envelope.Payload.Length, o.MaxPayloadBytes);
        }

        parsed = PayloadParser.Parse(envelope.Payload, envelope.Address, o.MaxReadingsPerPayload);
        return parsed.Rejection;
    }

    private static DeadLetter Letter(IngestEnvelope envelope, SensorAddress? address, Rejection rejection, ReadOnlyMemory<byte> payload) =>
        new(envelope.ReceivedAt, envelope.Transport, envelope.Topic, envelope.AuthenticatedTenant ?? address?.Tenant, address?.Site, address?.SensorId, rejection.Reason, rejection.Detail, payload);

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

        var clock = clocks.Correct(sensor!.ClockSource, incoming.SourceTime, envelope.ReceivedAt);
        if (clock.Rejection is { } timeRejection)
        {
            return (null, null, timeRejection);
        }

        // The registration's own strings, not the ones parsed from this message: a reading waits in the reorder
        // window for seconds, and shared strings keep what it holds alive down to the reading itself.
        var registration = sensor.Registration;
        var reading = new TelemetryReading(
            sensor.Tenant,
            registration.Site ?? address.Site,
            registration.Id,
            incoming.SourceTime,
            envelope.ReceivedAt,
            clock.CorrectedTime,
            value,
            registration.Unit,
            incoming.Value,
            incoming.Unit,
            Quality(incoming.Quality, clock.Corrected, clock.Late),
            incoming.Sequence);
        return (reading, KindName(registration.Kind), null);
    }

    /// <summary>The quality as sent (good when not) with the clock's flags; the usual values are constants.</summary>
    private static string Quality(string? sent, bool corrected, bool late) =>
        sent is null || string.Equals(sent, "good", StringComparison.Ordinal)
            ? (corrected, late) switch
            {
                (false, false) => "good",
                (true, false) => "good,clock_corrected",
                (false, true) => "good,late",
                (true, true) => "good,clock_corrected,late",
            }
            : sent + (corrected ? ",clock_corrected" : string.Empty) + (late ? ",late" : string.Empty);

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
        if (Math.Abs(value) > o.MaxAbsoluteValue)
        {
            problem = $"beyond the plausible magnitude {Number(o.MaxAbsoluteValue)} of any sensor";
        }
        else if (sensor.RangeMin is { } min && value < min)
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
        else if (sensor.Kind == SensorKind.Temperature && units.TryConvert(value, sensor.Unit, sensor with { Unit = "°C" }, out var celsius, out _) && (celsius < o.MinTemperatureCelsius || celsius > o.MaxTemperatureCelsius))
        {
            problem = celsius < o.MinTemperatureCelsius ? "below absolute zero" : $"above {Number(o.MaxTemperatureCelsius)} °C";
        }
        else if (sensor.Kind == SensorKind.Oxygen && units.TryConvert(value, sensor.Unit, sensor with { Unit = "% vol" }, out var percent, out _) && percent > 100)
        {
            problem = "above 100 % vol";
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
