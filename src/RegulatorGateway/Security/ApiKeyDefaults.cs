namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>The API-key scheme: header <c>X-Api-Key</c>; query parameter <c>api-key</c> only where a route allows it.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "api-key";

    /// <summary>Where the handler leaves why a request is not authenticated, for the 401's detail.</summary>
    internal const string FailureItem = "sl:auth-failure";
}
