namespace SafetyLedger.Host.Administration;

/// <summary>
/// <c>admin.key</c> in the data folder (mode 0600): the admin key the CLI uses to reach the running service, new at
/// every start. Whoever can read the data folder holds the ledger's signing key too, so this adds no new power.
/// </summary>
internal sealed record LocalAdminKey(string Id, string Secret)
{
    public const string FileName = "admin.key";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static LocalAdminKey? Read(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        return lines.Length >= 2 && lines[0].Length > 0 && lines[1].Length > 0 ? new LocalAdminKey(lines[0].Trim(), lines[1].Trim()) : null;
    }

    public void Write(string dataDirectory) => PrivateFile.Write(PathIn(dataDirectory), $"{Id}\n{Secret}\n");
}
