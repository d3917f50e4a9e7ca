namespace SafetyLedger.RiskCore.Response;

/// <summary>Tiered response settings (section <c>RiskCore:Response</c>): a default and overrides by site id.</summary>
public sealed class ResponseOptions
{
    public const string Section = "RiskCore:Response";

    public SiteResponseOptions Default { get; set; } = new();

    /// <summary>How often ledgered but undelivered DCS commands are looked for.</summary>
    public TimeSpan RedeliveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A command is sent again once it has been pending this long.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(10);

    public IDictionary<string, SiteResponseOptions> Sites { get; init; } = new Dictionary<string, SiteResponseOptions>(StringComparer.Ordinal);

    public SiteResponseOptions For(string site) => Sites.TryGetValue(site, out var options) ? options : Default;
}
