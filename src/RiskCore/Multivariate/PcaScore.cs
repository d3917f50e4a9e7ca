using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>Hotelling's T² in the principal subspace and Q (squared prediction error) outside it.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct PcaScore(double T2, double Q);
