using System.Text.Json.Nodes;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>One flipped byte in every part of an anchored auditor bundle: each case changes exactly one character or number bit.</summary>
public static class BundleTampering
{
    public static IReadOnlyList<(string Name, Action<JsonObject> Tamper)> Cases { get; } =
    [
        ("entry", b => FlipString(b, "entry")),
        ("proof index", b => FlipLine(b, "proof", _ => 1)),
        ("inclusion hash", b => FlipLine(b, "proof", _ => 2)),
        ("checkpoint size", b => FlipLine(b, "proof", lines => lines.IndexOf(string.Empty) + 2)),
        ("checkpoint root", b => FlipLine(b, "proof", lines => lines.IndexOf(string.Empty) + 3)),
        ("checkpoint signature", b => FlipLine(b, "proof", lines => lines.FindLastIndex(l => l.Length > 0))),
        ("anchor chain id", b => FlipNumber(Anchor(b), "chainId")),
        ("anchor contract", b => FlipString(Anchor(b), "contract")),
        ("anchor tx hash", b => FlipString(Anchor(b), "txHash")),
        ("anchor block number", b => FlipNumber(Anchor(b), "blockNumber")),
        ("anchor block hash", b => FlipString(Anchor(b), "blockHash")),
        ("anchor block time", b => FlipString(Anchor(b), "blockTime")),
        ("anchor root", b => FlipString(Anchor(b), "root")),
        ("anchor tree size", b => FlipNumber(Anchor(b), "treeSize")),
        ("anchor statement", b => FlipLine((JsonObject)b["anchor"]!, "statement", _ => 6)),
        ("anchor statement signature", b => FlipLine((JsonObject)b["anchor"]!, "statement", lines => lines.FindLastIndex(l => l.Length > 0))),
        ("anchored checkpoint root", b => FlipLine((JsonObject)b["anchor"]!, "checkpoint", _ => 2)),
        ("anchored checkpoint signature", b => FlipLine((JsonObject)b["anchor"]!, "checkpoint", lines => lines.FindLastIndex(l => l.Length > 0))),
        ("consistency hash", b => FlipArrayItem((JsonObject)b["anchor"]!, "consistency")),
    ];

    private static JsonObject Anchor(JsonObject bundle) => (JsonObject)bundle["anchor"]!["record"]!;

    private static void FlipString(JsonObject node, string name) => node[name] = Flip(node[name]!.GetValue<string>());

    private static void FlipNumber(JsonObject node, string name) => node[name] = node[name]!.GetValue<long>() ^ 1;

    private static void FlipArrayItem(JsonObject node, string name)
    {
        var array = (JsonArray)node[name]!;
        array[0] = Flip(array[0]!.GetValue<string>());
    }

    private static void FlipLine(JsonObject node, string name, Func<List<string>, int> pick)
    {
        var lines = node[name]!.GetValue<string>().Split('\n').ToList();
        var index = pick(lines);
        lines[index] = Flip(lines[index]);
        node[name] = string.Join('\n', lines);
    }

    /// <summary>Flips the lowest bit of the first letter or digit from the middle on (the result stays printable).</summary>
    private static string Flip(string text)
    {
        var chars = text.ToCharArray();
        var i = chars.Length / 2;
        while (!char.IsAsciiLetterOrDigit(chars[i]))
        {
            i = (i + 1) % chars.Length;
        }

        chars[i] = (char)(chars[i] ^ 1);
        return new string(chars);
    }
}
