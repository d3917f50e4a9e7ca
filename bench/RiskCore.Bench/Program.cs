using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SafetyLedger.RiskCore.Bench.EngineThroughput).Assembly).Run(args);
