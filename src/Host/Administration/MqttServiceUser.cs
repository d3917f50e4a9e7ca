namespace SafetyLedger.Host.Administration;

/// <summary>What <c>ledger mqtt config</c> prints: the service's broker user and password, and how many keys it wrote.</summary>
internal sealed record MqttServiceUser(string User, string Password, int Keys);
