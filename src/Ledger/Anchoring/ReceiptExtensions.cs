using Nethereum.RPC.Eth.DTOs;

namespace SafetyLedger.Ledger.Anchoring;

internal static class ReceiptExtensions
{
    /// <summary>True for a mined transaction with status 1 (success).</summary>
    public static bool Succeeded(this TransactionReceipt receipt) => receipt.Status?.Value == 1;
}
