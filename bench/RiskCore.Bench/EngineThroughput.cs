using BenchmarkDotNet.Attributes;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Streaming;

namespace SafetyLedger.RiskCore.Bench;

/// <summary>Readings per second through the whole engine: 10 areas × 8 sensors (rules, drift, joint model, fusion).</summary>
[MemoryDiagnoser]
public class EngineThroughput
{
    public const int Readings = 100_000;
    private Reading[] _stream = [];
    private RiskEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _stream = Enumerable.Range(0, Readings).Select(i =>
        {
            var round = i / 80;
            var area = (i / 8) % 10;
            var sensor = i % 8;
            var kind = sensor == 0 ? SensorKinds.FlammableGas : sensor == 1 ? SensorKinds.Oxygen : SensorKinds.Temperature;
            var unit = sensor == 0 ? "%LEL" : sensor == 1 ? "%vol" : "C";
            var value = sensor == 0 ? 5 + random.NextDouble() : sensor == 1 ? 20.9 + (0.1 * random.NextDouble()) : 40 + (sensor * random.NextDouble());
            return new Reading("t", "site-" + area, "s" + sensor, kind, start.AddSeconds(round), value, unit, "good");
        }).ToArray();
    }

    [IterationSetup]
    public void Reset() => _engine = new RiskEngine(new RiskEngineOptions(), TimeProvider.System);

    [Benchmark(OperationsPerInvoke = Readings)]
    public int Process()
    {
        var red = 0;
        foreach (var reading in _stream)
        {
            red += (int)_engine.Process(reading).Level;
        }

        return red;
    }
}
