using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Host.Serving;

/// <summary>Demo data for a first run (section <c>Demo</c>): simulated sensors published to the embedded broker.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; } = true;

    public Scenario Scenario { get; set; } = Scenario.GasLeak;

    /// <summary>Readings per second over all sensors; 24 over 8 sensors lets the joint model learn (300 snapshots) before the failure.</summary>
    public double Rate { get; set; } = 24;

    public int Sensors { get; set; } = 8;

    /// <summary>When the scenario's failure begins, after the simulation starts.</summary>
    public TimeSpan FailureAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the failure takes to develop once it has begun.</summary>
    public TimeSpan FailureRamp { get; set; } = TimeSpan.FromMinutes(1);
}
