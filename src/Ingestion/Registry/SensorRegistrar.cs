using System.Text.Json;
using SafetyLedger.Ingestion.Normalisation;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Registry;

/// <summary>Validates a registration and records it in the ledger (stream <c>sensor-{tenant}-{id}</c>), then in the projection.</summary>
public sealed class SensorRegistrar(IEventStore events, SensorRegistry registry, TimeProvider time)
{
    /// <summary>Registers a sensor; returns the problems instead when the registration is not acceptable.</summary>
    /// <exception cref="WrongExpectedVersionException">The sensor is already registered.</exception>
    public async Task<(RegisteredSensor? Sensor, IReadOnlyList<string> Problems)> RegisterAsync(
        string tenant,
        SensorRegistration registration,
        string? actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var problems = Validate(tenant, registration);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(registration, IngestionJsonContext.Default.SensorRegistration);
        var data = new EventData(SensorStreams.RegisteredEventType, tenant, time.GetUtcNow(), payload, new EventMetadata(Actor: actor));
        var result = await events.AppendAsync(new AppendRequest(SensorStreams.StreamId(tenant, registration.Id), ExpectedVersion.NoStream, [data]), cancellationToken);
        var entry = await events.ReadAsync(result.FirstPosition, cancellationToken);
        if (entry is not null)
        {
            registry.Apply(entry);
        }

        return (registry.Find(tenant, registration.Id), []);
    }

    private static List<string> Validate(string tenant, SensorRegistration registration)
    {
        var problems = new List<string>();
        if (!Identifiers.IsValid(tenant))
        {
            problems.Add($"tenant '{tenant}' is not a valid identifier (letters, digits, '_', '.', '-'; at most {Identifiers.MaxLength}).");
        }

        if (!Identifiers.IsValid(registration.Id))
        {
            problems.Add($"id '{registration.Id}' is not a valid identifier (letters, digits, '_', '.', '-'; at most {Identifiers.MaxLength}).");
        }

        if (!Identifiers.IsValid(registration.Site))
        {
            problems.Add(registration.Site is null
                ? "site is required: readings are accepted only for the sites a tenant registered."
                : $"site '{registration.Site}' is not a valid identifier.");
        }

        if (!UnitConverter.TryParse(registration.Unit, out _))
        {
            problems.Add($"unit '{registration.Unit}' is not a known unit.");
        }

        if (registration.MolarMass is { } m && !(m > 0 && double.IsFinite(m)))
        {
            problems.Add("molarMass must be a positive number of g/mol.");
        }

        if (registration.LowerExplosiveLimit is { } lel && !(lel > 0 && lel <= 100))
        {
            problems.Add("lowerExplosiveLimit must be in (0, 100] % vol.");
        }

        if (!(registration.ExpectedPeriodSeconds > 0 && double.IsFinite(registration.ExpectedPeriodSeconds)))
        {
            problems.Add("expectedPeriodSeconds must be a positive number.");
        }

        if (registration.RangeMin is { } lo && registration.RangeMax is { } hi && lo >= hi)
        {
            problems.Add("rangeMin must be below rangeMax.");
        }

        return problems;
    }
}
