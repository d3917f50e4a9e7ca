namespace SafetyLedger.Ingestion.Transport;

/// <summary>Device keys publish readings; DCS keys read their site's commands.</summary>
public enum MqttClientRole
{
    Device,
    Dcs,
}
