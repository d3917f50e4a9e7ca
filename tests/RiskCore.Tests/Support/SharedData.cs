namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>Finds the shared benchmark data: a <c>shared/data</c> folder beside the repository root, found by walking up.</summary>
internal static class SharedData
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"Benchmark data not found: no 'shared/data' folder beside any parent of {AppContext.BaseDirectory}. Put the shared data at ../shared/data relative to the repository root.");
        return string.Empty;
    }
}
