using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Simulation;

/// <summary>
/// Realistic signals: a baseline with diurnal drift and noise per sensor kind, plus the scenario's
/// degradation (a slow rise before a gas leak, growing vibration before a bearing fails, a value that
/// stops changing, gaps).
/// </summary>
public sealed class SignalModel(SimulationOptions options)
{
    private readonly Random random = new(options.Seed);

    /// <summary>The value of sensor <paramref name="index"/> at <paramref name="elapsed"/>, or null when the sensor is silent.</summary>
    public double? Value(SensorRegistration sensor, int index, DateTimeOffset at, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var diurnal = Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24);
        var progress = Math.Clamp(elapsed / options.FailureAfter, 0, 1.5);
        var affected = index == 0;
        var noise = Gaussian();
        var value = sensor.Kind switch
        {
            SensorKind.ToxicGas => 1.5 + (0.5 * diurnal) + (0.2 * noise),
            SensorKind.FlammableGas => 2 + (1 * diurnal) + (0.3 * noise),
            SensorKind.Vibration => 2.2 + (0.1 * diurnal) + (0.15 * noise),
            _ => 25 + (5 * diurnal) + (0.3 * noise),
        };
        switch (options.Scenario)
        {
            case Scenario.GasLeak when affected && sensor.Kind is SensorKind.ToxicGas or SensorKind.FlammableGas:
                value += 30 * progress * progress;
                break;
            case Scenario.BearingWear when affected && sensor.Kind == SensorKind.Vibration:
                value *= 1 + (4 * Math.Pow(progress, 3));
                break;
            case Scenario.StuckSensor when affected && progress >= 0.5:
                return Math.Round(1.5, 3);
            case Scenario.Dropout when affected && progress is >= 0.3 and <= 0.7:
                return null;
        }

        return Math.Round(Math.Max(0, value), 3);
    }

    private double Gaussian()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
