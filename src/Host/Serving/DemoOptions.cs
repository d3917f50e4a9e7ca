namespace SafetyLedger.Host.Serving;

/// <summary>Demo data for a first run (section <c>Demo</c>).</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);
}
