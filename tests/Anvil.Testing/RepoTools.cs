namespace SafetyLedger.Anvil.Testing;

/// <summary>Finds the repository root and the chain tooling that scripts/install-tools.sh installs.</summary>
public static class RepoTools
{
    public const string InstallHint = "run scripts/install-tools.sh from the repository root (it installs tools/package-lock.json with npm ci)";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ContractsDirectory => Path.Combine(RepoRoot, "contracts");

    /// <summary>The anvil binary of tools/node_modules; fails with how to install it when missing.</summary>
    public static string AnvilPath()
    {
        var path = Path.Combine(RepoRoot, "tools", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"anvil is not installed at {path}: {InstallHint}.");
        }

        return path;
    }

    /// <summary>The solc package of tools/node_modules; fails with how to install it when missing.</summary>
    public static void RequireSolc()
    {
        var path = Path.Combine(RepoRoot, "tools", "node_modules", "solc", "package.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"solc is not installed at {path}: {InstallHint}.");
        }
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "tools", "package.json"))
                && File.Exists(Path.Combine(directory.FullName, "contracts", "AnchorRegistry.sol")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (with tools/package.json and contracts/AnchorRegistry.sol) above {AppContext.BaseDirectory}.");
    }
}
