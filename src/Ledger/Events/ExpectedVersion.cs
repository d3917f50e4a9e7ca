namespace SafetyLedger.Ledger.Events;

/// <summary>What the caller believes about a stream's current version when appending to it.</summary>
public readonly record struct ExpectedVersion
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;

    private ExpectedVersion(long value) => Value = value;

    /// <summary>-2 for <see cref="Any"/>, -1 for <see cref="NoStream"/>, else the exact last version.</summary>
    public long Value { get; }

    /// <summary>Append whatever the stream's state.</summary>
    public static ExpectedVersion Any { get; } = new(AnyValue);

    /// <summary>Append only if the stream has no events yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(NoStreamValue);

    /// <summary>Append only if the stream's last event has exactly this 0-based version.</summary>
    public static ExpectedVersion Exact(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new(version);
    }

    /// <summary>Whether a stream whose last version is <paramref name="current"/> (-1 when empty) satisfies this expectation.</summary>
    public bool IsSatisfiedBy(long current) => Value == AnyValue || Value == current;

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
