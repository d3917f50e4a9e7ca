namespace SafetyLedger.Ingestion.Quality;

/// <summary>
/// Data-quality indicators of one sensor (or, with <see cref="SensorId"/> <c>*</c>, the whole tenant)
/// over one hour or day, linked to the ledger positions of the batch digests they were computed from.
/// Rates are fractions in [0, 1]; <see cref="AccessRate"/> is only set on tenant rows.
/// </summary>
public sealed record QualityRollup(
    string Tenant,
    string SensorId,
    QualityPeriod Period,
    DateTimeOffset PeriodStart,
    double? AccessRate,
    double OnlineRate,
    double Timeliness,
    double Validity,
    double Completeness,
    long Readings,
    long ExpectedReadings,
    long Duplicates,
    long DeadLetters,
    IReadOnlyList<long> DigestPositions);
