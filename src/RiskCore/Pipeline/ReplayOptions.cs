namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>The file replay source (section <c>RiskCore:Replay</c>): readings CSV replayed once at start.</summary>
public sealed class ReplayOptions
{
    public const string Section = "RiskCore:Replay";

    /// <summary>The readings file (<see cref="ReadingCsv"/>); null replays nothing.</summary>
    public string? File { get; set; }
}
