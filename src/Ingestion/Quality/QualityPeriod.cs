namespace SafetyLedger.Ingestion.Quality;

/// <summary>The length of a quality roll-up period (UTC-aligned).</summary>
public enum QualityPeriod
{
    Hour,
    Day,
}
