using System.Globalization;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.Hex.HexConvertors.Extensions;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The compiled AnchorRegistry as embedded in this assembly from contracts/AnchorRegistry.bin and
/// contracts/AnchorRegistry.abi.json, so a deployed binary needs no repository checkout.
/// </summary>
internal sealed class AnchorRegistryArtifacts
{
    private const string ResourcePrefix = "SafetyLedger.Ledger.Anchoring.AnchorRegistry.";

    private AnchorRegistryArtifacts(string bytecode, string abiJson)
    {
        Bytecode = bytecode;
        AbiJson = abiJson;
        Abi = ABIDeserialiserFactory.DeserialiseContractABI(abiJson);
    }

    /// <summary>Init code, 0x-prefixed.</summary>
    public string Bytecode { get; }

    /// <summary>The ABI as compiled.</summary>
    public string AbiJson { get; }

    public ContractABI Abi { get; }

    public static AnchorRegistryArtifacts Load()
    {
        var bytecode = ReadResource("bin").Trim();
        if (bytecode.Length == 0 || !bytecode.IsHex())
        {
            throw new InvalidOperationException("The embedded AnchorRegistry.bin is not hex bytecode.");
        }

        return new AnchorRegistryArtifacts(bytecode.EnsureHexPrefix(), ReadResource("abi.json"));
    }

    /// <summary>Describes revert data by the contract's custom errors, e.g. <c>NotOwner(caller=0x…)</c>.</summary>
    public (string? Name, string Text) DescribeRevert(string? revertData)
    {
        if (string.IsNullOrEmpty(revertData) || !revertData.IsHex() || revertData.RemoveHexPrefix().Length < 8)
        {
            return (null, "reverted without error data");
        }

        var decoder = new FunctionCallDecoder();
        foreach (var error in Abi.Errors)
        {
            if (!decoder.IsDataForError(error, revertData))
            {
                continue;
            }

            var values = decoder.DecodeError(error, revertData);
            var arguments = string.Join(", ", values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Parameter.Name}={Format(v.Result)}")));
            return (error.Name, $"{error.Name}({arguments})");
        }

        return (null, $"unknown revert data {revertData.EnsureHexPrefix()}");
    }

    private static string Format(object? value) => value switch
    {
        byte[] bytes => bytes.ToHex(true),
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string ReadResource(string suffix)
    {
        var name = ResourcePrefix + suffix;
        using var stream = typeof(AnchorRegistryArtifacts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing; build src/Ledger from a checkout with contracts/.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
