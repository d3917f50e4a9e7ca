using SafetyLedger.Ledger.Bench;

// Usage:
//   Ledger.Bench append [--entries N] [--batch N] [--dir DIR]
//   Ledger.Bench proofs --size N [--samples N] [--dir DIR] [--keep]
var arguments = BenchArguments.Parse(args);
return arguments.Verb switch
{
    "append" => await AppendBenchmark.RunAsync(arguments),
    "proofs" => await ProofBenchmark.RunAsync(arguments),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ledger.Bench append [--entries N] [--batch N] [--dir DIR] | proofs --size N [--samples N] [--dir DIR] [--keep]");
    return 2;
}
