using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

internal static class AnchorFunctionExtensions
{
    public static string GetCallDataHex(this AnchorFunction function) => function.GetCallData().ToHex(true);
}
