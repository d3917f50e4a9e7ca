using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>The keys that sign this log's checkpoints: the main key, created on first start, plus rotation keys.</summary>
public sealed class LogSigners : IDisposable
{
    public LogSigners(IReadOnlyList<NoteSigner> signers)
    {
        if (signers.Count == 0)
        {
            throw new ArgumentException("At least one signer is required.", nameof(signers));
        }

        Signers = signers;
    }

    public IReadOnlyList<NoteSigner> Signers { get; }

    public IReadOnlyList<string> VerifierKeys => Signers.Select(s => s.VerifierKey).ToList();

    public static LogSigners Load(CheckpointOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signers = new List<NoteSigner> { LogKeyFile.LoadOrCreate(Path.Combine(dataDirectory, options.KeyFile), options.KeyName) };
        foreach (var file in options.AdditionalKeyFiles)
        {
            var path = Path.Combine(dataDirectory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Additional signer key file '{path}' does not exist.", path);
            }

            signers.Add(NoteSigner.FromSignerKey(File.ReadAllText(path).Trim()));
        }

        return new LogSigners(signers);
    }

    public void Dispose()
    {
        foreach (var signer in Signers)
        {
            signer.Dispose();
        }
    }
}
