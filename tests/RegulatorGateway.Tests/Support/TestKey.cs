namespace SafetyLedger.RegulatorGateway.Tests.Support;

/// <summary>A key the tests created through <c>ledger keys create</c>: its id and secret.</summary>
public sealed record TestKey(string Id, string Key);
