namespace SafetyLedger.Anvil.Testing;

/// <summary>anvil's well-known, public development keys (its default mnemonic). For tests only.</summary>
public static class DevAccounts
{
    public const string OwnerKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string OwnerAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    public const string OtherKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    public const string OtherAddress = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public const long AnvilChainId = 31337;
}
