namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>The reason codes a dead letter carries; documented in docs/ingestion.md.</summary>
public static class RejectionReasons
{
    public const string PayloadTooLarge = "payload_too_large";
    public const string MalformedJson = "malformed_json";
    public const string InvalidTopic = "invalid_topic";
    public const string InvalidReading = "invalid_reading";
    public const string InvalidTimestamp = "invalid_timestamp";
    public const string ValueNotFinite = "value_not_finite";
    public const string UnknownSensor = "unknown_sensor";
    public const string UnknownUnit = "unknown_unit";
    public const string UnitUnconvertible = "unit_unconvertible";
    public const string OutOfRange = "out_of_range";
    public const string FutureTimestamp = "future_timestamp";
    public const string StaleTimestamp = "stale_timestamp";
    public const string TenantMismatch = "tenant_mismatch";
    public const string NotAuthorised = "not_authorised";
}
