using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Rules;

/// <summary>Per-sensor rule state: the current alarm level (0–2), the level being debounced and for how many samples.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct RuleState(int Level, int Candidate, int Count);
