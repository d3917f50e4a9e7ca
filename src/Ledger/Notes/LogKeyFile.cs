namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// The log's note signer key on disk: one line holding the signer key
/// (<c>PRIVATE+KEY+...</c>), owner read/write only.
/// </summary>
public sealed class LogKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private LogKeyFile()
    {
    }

    /// <summary>
    /// Loads the signer key at <paramref name="path"/>, or generates one named
    /// <paramref name="keyName"/> and writes it atomically with mode 0600 if the file does not exist.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The existing file is accessible by group or others, or holds a key with another name.
    /// </exception>
    /// <exception cref="FormatException">The existing file does not hold a valid signer key.</exception>
    public static NoteSigner LoadOrCreate(string path, string keyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        path = Path.GetFullPath(path);

        if (!File.Exists(path))
        {
            var generated = NoteSigner.Generate(keyName);
            try
            {
                if (TryCreate(path, generated.SignerKey))
                {
                    return generated;
                }
            }
            catch
            {
                generated.Dispose();
                throw;
            }

            generated.Dispose();

            // Another process created the file first; fall through and use its key.
        }

        return Load(path, keyName);
    }

    private static NoteSigner Load(string path, string keyName)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != UnixFileMode.None)
        {
            throw new InvalidOperationException(
                $"Refusing to use log key file '{path}': it is accessible by group or others "
                + $"(mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}); run chmod 600 on it.");
        }

        NoteSigner signer;
        try
        {
            signer = NoteSigner.FromSignerKey(File.ReadAllText(path).TrimEnd('\n', '\r'));
        }
        catch (FormatException e)
        {
            throw new FormatException($"Log key file '{path}' does not hold a valid note signer key: {e.Message}", e);
        }

        if (!string.Equals(signer.Name, keyName, StringComparison.Ordinal))
        {
            var actual = signer.Name;
            signer.Dispose();
            throw new InvalidOperationException($"Log key file '{path}' holds a key named '{actual}', not '{keyName}'.");
        }

        return signer;
    }

    /// <summary>Writes a temp file created with mode 0600, then renames it into place without overwriting.</summary>
    private static bool TryCreate(string path, string signerKey)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = File.Open(temp, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(signerKey);
                writer.Write('\n');
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
