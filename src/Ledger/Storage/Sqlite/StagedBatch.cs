namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Everything one commit inserts.</summary>
internal sealed class StagedBatch
{
    public DateTimeOffset RecordedAt { get; init; }

    public List<StagedEntry> Entries { get; } = [];

    public List<StagedRange> Ranges { get; } = [];

    public Dictionary<string, StreamState> Streams { get; } = new(StringComparer.Ordinal);

    public void Add(StagedBatch other)
    {
        Entries.AddRange(other.Entries);
        Ranges.AddRange(other.Ranges);
        foreach (var (id, state) in other.Streams)
        {
            Streams[id] = Streams.TryGetValue(id, out var existing) && existing.IsNew ? state with { IsNew = true } : state;
        }
    }
}
