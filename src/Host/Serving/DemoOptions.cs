using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Host.Serving;

/// <summary>Demo data for a first run (section <c>Demo</c>): simulated sensors published to the embedded broker.</summary>
internal sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>The demo enterprise's region (registered on first run when missing).</summary>
    public string Region { get; set; } = "320582";

    public string EnterpriseName { get; set; } = "演示化工有限公司 Demo Chemical Co.";

    /// <summary>The device key the simulator connects with; when not set, the demo creates one and revokes it when it stops.</summary>
    public string? DeviceKeyId { get; set; }

    public string? DeviceKey { get; set; }

    public Scenario Scenario { get; set; } = Scenario.GasLeak;

    /// <summary>Readings per second over all sensors; 24 over 8 sensors lets the joint model learn (300 snapshots) before the failure.</summary>
    public double Rate { get; set; } = 24;

    public int Sensors { get; set; } = 8;

    /// <summary>When the scenario's failure begins, after the simulation starts.</summary>
    public TimeSpan FailureAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the failure takes to develop once it has begun.</summary>
    public TimeSpan FailureRamp { get; set; } = TimeSpan.FromMinutes(1);
}
