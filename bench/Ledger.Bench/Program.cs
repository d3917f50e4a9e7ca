using SafetyLedger.Ledger.Bench;

// Usage:
//   Ledger.Bench append [--entries N] [--batch N] [--dir DIR]
//   Ledger.Bench proofs --size N [--samples N] [--dir DIR] [--keep]
//   Ledger.Bench commit-probe [--batches N] [--dir DIR]
var arguments = BenchArguments.Parse(args);
return arguments.Verb switch
{
    "append" => await AppendBenchmark.RunAsync(arguments),
    "proofs" => await ProofBenchmark.RunAsync(arguments),
    "commit-probe" => await CommitProbe.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ledger.Bench append [--entries N] [--batch N] [--dir DIR] | proofs --size N [--samples N] [--dir DIR] [--keep] | commit-probe [--batches N] [--dir DIR]");
    return 2;
}
