using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Ingestion.Tests.Simulation;

public sealed class SignalModelTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static (SensorRegistration Sensor, List<double?> Values) Run(Scenario scenario, double fromSeconds, double toSeconds)
    {
        var options = new SimulationOptions { Scenario = scenario, FailureAfter = TimeSpan.FromSeconds(60), FailureRamp = TimeSpan.FromSeconds(30) };
        var runner = new SimulationRunner(options, TimeProvider.System);
        var sensor = runner.AffectedSensor()!;
        var model = new SignalModel(options);
        var values = new List<double?>();
        for (var s = fromSeconds; s < toSeconds; s += 0.5)
        {
            values.Add(model.Value(sensor, affected: true, Noon.AddSeconds(s), TimeSpan.FromSeconds(s)));
        }

        return (sensor, values);
    }

    [Theory]
    [InlineData(Scenario.GasLeak, SensorKind.ToxicGas)]
    [InlineData(Scenario.BearingWear, SensorKind.Vibration)]
    [InlineData(Scenario.StuckSensor, SensorKind.ToxicGas)]
    public void The_affected_sensor_reads_normal_until_the_failure_begins(Scenario scenario, SensorKind kind)
    {
        var (sensor, before) = Run(scenario, 0, 60);

        Assert.Equal(kind, sensor.Kind);
        Assert.All(before, v => Assert.InRange(v!.Value, 0, 4));
        Assert.True(before.Distinct().Count() > 100, "normal readings are noisy");
    }

    [Fact]
    public void A_gas_leak_passes_the_H2S_alarm_levels_and_bearing_wear_multiplies_the_vibration()
    {
        Assert.All(Run(Scenario.GasLeak, 90, 95).Values, v => Assert.True(v > 15, $"{v} ppm"));
        Assert.All(Run(Scenario.BearingWear, 90, 95).Values, v => Assert.True(v > 8, $"{v} mm/s"));
    }

    [Fact]
    public void A_stuck_sensor_repeats_one_value_and_a_dropout_is_silent_while_the_failure_develops()
    {
        Assert.Single(Run(Scenario.StuckSensor, 60, 120).Values.Distinct());
        Assert.All(Run(Scenario.Dropout, 60, 90).Values, Assert.Null);
        Assert.All(Run(Scenario.Dropout, 90, 100).Values, v => Assert.NotNull(v));
    }

    [Theory]
    [InlineData(Scenario.Normal)]
    [InlineData(Scenario.ClockSkew)]
    public void Scenarios_without_a_process_failure_affect_no_sensor(Scenario scenario) =>
        Assert.Null(new SimulationRunner(new SimulationOptions { Scenario = scenario }, TimeProvider.System).AffectedSensor());
}
