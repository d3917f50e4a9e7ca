namespace SafetyLedger.Ledger.Tests.Notes;

internal delegate bool TryParser<T>(string text, out T? value, out string error)
    where T : class;
