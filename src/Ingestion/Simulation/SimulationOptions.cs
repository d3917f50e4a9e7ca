namespace SafetyLedger.Ingestion.Simulation;

/// <summary>What <c>ledger simulate</c> publishes: how many sensors, how fast, which scenario, where to.</summary>
public sealed class SimulationOptions
{
    public string Tenant { get; set; } = "demo-enterprise";

    public string Site { get; set; } = "plant-1";

    /// <summary>Readings per second over all sensors.</summary>
    public double Rate { get; set; } = 10;

    public int Sensors { get; set; } = 4;

    public Scenario Scenario { get; set; } = Scenario.Normal;

    public string BrokerHost { get; set; } = "127.0.0.1";

    public int BrokerPort { get; set; } = 1883;

    /// <summary>The MQTT user name: a device key's id.</summary>
    public string? KeyId { get; set; }

    /// <summary>The MQTT password: the device key itself.</summary>
    public string? Key { get; set; }

    /// <summary>How long to run; null runs until cancelled.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>When the scenario's failure begins, after the run starts; the plant is normal until then (so the models learn it).</summary>
    public TimeSpan FailureAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the failure takes to develop once it has begun (a leak to its full size, a bearing to 5× its vibration, a dropout's gap).</summary>
    public TimeSpan FailureRamp { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Clock-skew scenario: how fast the sensors' clocks run ahead.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Seed of the noise, for repeatable runs.</summary>
    public int Seed { get; set; } = 1;
}
