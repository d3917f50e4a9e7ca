namespace SafetyLedger.Ingestion.Registry;

/// <summary>
/// A sensor as registered by its tenant: the payload of a <c>SensorRegistered</c> ledger entry in
/// stream <c>sensor-{tenant}-{id}</c>. <see cref="Unit"/> is the canonical unit readings are normalised to.
/// </summary>
public sealed record SensorRegistration
{
    public required string Id { get; init; }

    public required SensorKind Kind { get; init; }

    public required string Unit { get; init; }

    public string? Site { get; init; }

    public string? Area { get; init; }

    public string? Asset { get; init; }

    /// <summary>Gas name (e.g. <c>H2S</c>, <c>CH4</c>) for gas sensors.</summary>
    public string? Gas { get; init; }

    /// <summary>Molar mass in g/mol, needed to convert ppm ↔ mg/m³.</summary>
    public double? MolarMass { get; init; }

    /// <summary>Lower explosive limit in % vol, needed to convert % LEL ↔ % vol / ppm.</summary>
    public double? LowerExplosiveLimit { get; init; }

    /// <summary>How often the sensor is expected to report, in seconds.</summary>
    public double ExpectedPeriodSeconds { get; init; } = 10;

    /// <summary>Plausible measurement range in the canonical unit; readings outside it are rejected.</summary>
    public double? RangeMin { get; init; }

    public double? RangeMax { get; init; }

    public AlarmLevels? Alarms { get; init; }

    public bool RequiredForCompliance { get; init; }
}
