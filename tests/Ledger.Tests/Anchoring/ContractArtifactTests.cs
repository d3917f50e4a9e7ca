using System.Diagnostics;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

public sealed class ContractArtifactTests
{
    [Fact]
    public async Task Recompiling_the_contract_gives_the_committed_abi_and_bytecode()
    {
        RepoTools.RequireSolc();
        var node = FindOnPath("node")
            ?? throw new InvalidOperationException("node is not on PATH: install Node.js 20+ and " + RepoTools.InstallHint + ".");
        var outDir = Directory.CreateTempSubdirectory("anchor-compile-");
        try
        {
            var startInfo = new ProcessStartInfo(node)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add(Path.Combine(RepoTools.ContractsDirectory, "compile.mjs"));
            startInfo.ArgumentList.Add("--out");
            startInfo.ArgumentList.Add(outDir.FullName);
            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"compile.mjs failed ({process.ExitCode}): {await stdout}{await stderr}");

            foreach (var file in new[] { "AnchorRegistry.abi.json", "AnchorRegistry.bin" })
            {
                var committed = await File.ReadAllTextAsync(Path.Combine(RepoTools.ContractsDirectory, file));
                var fresh = await File.ReadAllTextAsync(Path.Combine(outDir.FullName, file));
                Assert.True(committed == fresh, $"contracts/{file} differs from a fresh compile of AnchorRegistry.sol: run `node contracts/compile.mjs` and commit the result.");
            }
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Embedded_artifacts_match_the_committed_files()
    {
        var artifacts = AnchorRegistryArtifacts.Load();
        var bin = File.ReadAllText(Path.Combine(RepoTools.ContractsDirectory, "AnchorRegistry.bin")).Trim();
        Assert.Equal(bin.EnsureHexPrefix(), artifacts.Bytecode);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoTools.ContractsDirectory, "AnchorRegistry.abi.json")), artifacts.AbiJson);
    }

    [Fact]
    public void Typed_messages_match_the_compiled_abi()
    {
        var abi = AnchorRegistryArtifacts.Load().Abi;
        Assert.Equal(Selector(abi, "anchor"), ABITypedRegistry.GetFunctionABI<AnchorFunction>().Sha3Signature);
        Assert.Equal(Selector(abi, "anchoredAt"), ABITypedRegistry.GetFunctionABI<AnchoredAtFunction>().Sha3Signature);
        Assert.Equal(
            Assert.Single(abi.Events, e => e.Name == "Anchored").Sha3Signature,
            ABITypedRegistry.GetEvent<AnchoredEvent>().Sha3Signature);
        Assert.Equal(["AlreadyAnchored", "NotOwner"], abi.Errors.Select(e => e.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string Selector(Nethereum.ABI.Model.ContractABI abi, string name) =>
        Assert.Single(abi.Functions, f => f.Name == name).Sha3Signature;

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
