namespace SafetyLedger.Ledger.Events;

/// <summary>
/// The last ledger position a projection has seen (-1 before any). It only moves forward, whichever of a replay, a
/// live subscription or a writer applying its own entry gets there first.
/// </summary>
public sealed class ProjectionPosition
{
    private long last = -1;

    public long Last => Interlocked.Read(ref last);

    /// <summary>Records that the entry at <paramref name="position"/> has been seen.</summary>
    public void Saw(long position)
    {
        long seen;
        while ((seen = Interlocked.Read(ref last)) < position && Interlocked.CompareExchange(ref last, position, seen) != seen)
        {
            // Another thread moved it meanwhile: read again.
        }
    }

    /// <summary>Records that every entry before <paramref name="head"/> has been seen (after a category read).</summary>
    public void AdvanceTo(long head) => Saw(head - 1);
}
