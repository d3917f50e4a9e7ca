namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>
/// Endpoint metadata: the key may come as <c>?api-key=</c> (OData and report routes, for clients such as Power BI
/// and Excel that cannot send headers). Everywhere else a key in the query string is ignored.
/// </summary>
public sealed class QueryKeyAllowed
{
    public static QueryKeyAllowed Instance { get; } = new();
}
