using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>The score of one sample (1 = at the alarm threshold) and whether it is in alarm.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct DetectionPoint(double Score, bool Alarm);
