using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// Key-less chain clients for <c>ledger verify --rpc URL</c>, one per chain id and contract. The contract is
/// the pinned one (<c>--contract</c>, the configured or the remembered address) when known, else the record's own.
/// </summary>
internal sealed class ChainVerifiers(Uri rpcUrl, string? pinnedContract, TimeProvider time)
{
    private readonly Dictionary<(long ChainId, string Contract), IAnchorChain> chains = [];

    public string? PinnedContract => pinnedContract;

    public Uri RpcUrl => rpcUrl;

    public IAnchorChain For(AnchorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = (record.ChainId, pinnedContract ?? record.Contract);
        if (!chains.TryGetValue(key, out var chain))
        {
            chain = KeylessAnchorChain.Create(rpcUrl, key.ChainId, key.Item2, time);
            chains[key] = chain;
        }

        return chain;
    }

    /// <summary>Parses an <c>--rpc</c> value: an absolute http(s) URL.</summary>
    public static bool TryParseUrl(string value, out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
