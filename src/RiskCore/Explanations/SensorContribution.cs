namespace SafetyLedger.RiskCore.Explanations;

/// <summary>One sensor's part in an alarm: its value, its normal range, its share of the score and why.</summary>
public sealed record SensorContribution(
    string SensorId,
    double Value,
    double NormalLow,
    double NormalHigh,
    double Share,
    string Reason);
