using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Faults;

/// <summary>
/// Per-sensor state of the stuck-sensor check: the last value and how many readings in a row repeated it;
/// readings and changes counted outside stuck runs; the range seen.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct StuckState(double Last, int Repeats, long Readings, long Changes, double Low, double High);
