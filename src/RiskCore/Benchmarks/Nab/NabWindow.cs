using System.Runtime.InteropServices;

namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>An anomaly window as inclusive row indices.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct NabWindow(int Start, int End)
{
    public int Width => End - Start + 1;
}
