namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>An enterprise (tenant) as registered in the ledger, with the administrative region regulators see it in.</summary>
public sealed record EnterpriseRecord(string Id, string Region, string Name, DateTimeOffset RegisteredAt, long Position);
