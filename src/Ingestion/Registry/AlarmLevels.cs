namespace SafetyLedger.Ingestion.Registry;

/// <summary>
/// Alarm thresholds in the sensor's canonical unit: rising levels 1 and 2 (gas, vibration, …) and,
/// for oxygen, a low and a high limit.
/// </summary>
public sealed record AlarmLevels(double? Level1 = null, double? Level2 = null, double? Low = null, double? High = null);
