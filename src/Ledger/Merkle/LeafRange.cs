using System.Runtime.InteropServices;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>The leaves [Start, Start+Count) of the log.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct LeafRange(long Start, long Count);
