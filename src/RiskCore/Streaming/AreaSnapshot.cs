using SafetyLedger.RiskCore.Multivariate;

namespace SafetyLedger.RiskCore.Streaming;

/// <summary>One area's joint-model state in a snapshot.</summary>
public sealed record AreaSnapshot(string Tenant, string Site, AreaState State);
