using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Rules;

/// <summary>
/// The thresholds of one sensor kind. Rising gas limits alarm at or above Level1/Level2; the oxygen
/// band alarms (level 2) below Low or above High.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct RuleLimits(string Name, double Level1, double Level2, double Low, double High, bool IsBand);
