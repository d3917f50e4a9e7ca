using SafetyLedger.Ingestion.Bench;

// Usage (see docs/benchmarks.md, "Ingestion"):
//   Ingestion.Bench mosquitto --port P [--messages N] [--sensors N] [--inflight N]
//   Ingestion.Bench broker    [--messages N] [--sensors N] [--inflight N]   (MQTTnet's broker alone)
//   Ingestion.Bench external  --port P [--messages N] [--sensors N] [--inflight N]
//   Ingestion.Bench embedded  [--messages N] [--sensors N] [--inflight N]
//   Ingestion.Bench memory    [--sensors N]
//   Ingestion.Bench compare   --port P [--rounds N] [--warmup-rounds N] [--receive-max N] [--messages N] [--sensors N] [--inflight N] [--service-inflight N]
//   Ingestion.Bench phases    [--messages N] [--sensors N] [--inflight N]
//   Ingestion.Bench store-layout [--messages N] [--sensors N] [--inflight N]   (rows, sensors, rows per commit)
//   Ingestion.Bench rollup    [--sensors N]   (quality roll-up passes at N sensors)
//   Ingestion.Bench latency   [--mode embedded|external] [--port P] [--rate R] [--seconds S] [--sensors N] [--inflight N]
var options = BenchOptions.Parse(args);
return options.Verb switch
{
    "mosquitto" => await Measurements.MosquittoAsync(options),
    "broker" => (await Measurements.EmbeddedBrokerRateAsync(options)).Complete ? 0 : 1,
    "external" => await Measurements.ThroughputAsync(options, external: true),
    "embedded" => await Measurements.ThroughputAsync(options, external: false),
    "memory" => await Measurements.MemoryAsync(options),
    "latency" => await Measurements.LatencyAsync(options),
    "rollup" => await Measurements.RollupAsync(options),
    "phases" => await Phases.RunAsync(options),
    "store-layout" => StoreLayoutProbe.Run(options),
    "compare" => await Measurements.CompareAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ingestion.Bench mosquitto|broker|external|embedded|memory|latency|rollup|phases|store-layout|compare [--port P] [--messages N] [--sensors N] [--inflight N] [--rate R] [--seconds S] [--warmup-seconds S] [--mode embedded|external]");
    return 2;
}
