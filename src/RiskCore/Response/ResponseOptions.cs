namespace SafetyLedger.RiskCore.Response;

/// <summary>Tiered response settings (section <c>RiskCore:Response</c>): a default and overrides by site id.</summary>
public sealed class ResponseOptions
{
    public const string Section = "RiskCore:Response";

    public SiteResponseOptions Default { get; set; } = new();

    public IDictionary<string, SiteResponseOptions> Sites { get; init; } = new Dictionary<string, SiteResponseOptions>(StringComparer.Ordinal);

    public SiteResponseOptions For(string site) => Sites.TryGetValue(site, out var options) ? options : Default;
}
