namespace SafetyLedger.RiskCore.Response;

/// <summary>The MQTT broker that carries DCS commands (section <c>RiskCore:Dcs</c>).</summary>
public sealed class MqttDcsOptions
{
    public const string Section = "RiskCore:Dcs";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string ClientId { get; set; } = "safety-ledger-riskcore";

    /// <summary>Connect with TLS (the broker's certificate is checked against the system roots or <see cref="TlsCaFile"/>).</summary>
    public bool Tls { get; set; }

    /// <summary>With TLS: a PEM CA certificate that alone is trusted for the broker.</summary>
    public string? TlsCaFile { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
