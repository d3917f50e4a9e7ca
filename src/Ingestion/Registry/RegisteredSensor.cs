namespace SafetyLedger.Ingestion.Registry;

/// <summary>A registration as projected from the ledger: the tenant, the details and where they were recorded.</summary>
public sealed record RegisteredSensor(string Tenant, SensorRegistration Registration, long Position, DateTimeOffset RecordedAt)
{
    /// <summary>The sensor as a clock source (<c>{tenant}/{id}</c>), made once instead of per reading.</summary>
    public string ClockSource { get; } = $"{Tenant}/{Registration?.Id}";
}
