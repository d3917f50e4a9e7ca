using System.Globalization;
using System.Text;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The log's signed statement that a checkpoint was anchored: a C2SP signed note, signed with the
/// checkpoint keys, whose text names every field of the <see cref="AnchorRecord"/>. Its first line keeps
/// it from ever parsing as a checkpoint. An offline verifier rebuilds the text from the record it was
/// given and compares; only the chain itself can tell whether the statement is true.
/// </summary>
/// <remarks>
/// <code>
/// safety-ledger.anchor/v1
/// &lt;log origin&gt;
/// &lt;tree size&gt;
/// &lt;base64 root&gt;
/// chain &lt;chain id&gt;
/// contract &lt;address&gt;
/// tx &lt;transaction hash&gt;
/// block &lt;number&gt; &lt;block hash or -&gt;
/// time &lt;block time, Unix seconds&gt;
/// </code>
/// </remarks>
public static class AnchorStatement
{
    public const string Header = "safety-ledger.anchor/v1";

    /// <summary>The note text for <paramref name="record"/> of the log <paramref name="origin"/>.</summary>
    public static string Text(string origin, AnchorRecord record)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(record);
        return new StringBuilder()
            .Append(Header).Append('\n')
            .Append(origin).Append('\n')
            .Append(CanonicalDecimal.Format(record.TreeSize)).Append('\n')
            .Append(Convert.ToBase64String(record.Root)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"chain {record.ChainId}\n")
            .Append(CultureInfo.InvariantCulture, $"contract {record.Contract}\n")
            .Append(CultureInfo.InvariantCulture, $"tx {record.TxHash}\n")
            .Append(CultureInfo.InvariantCulture, $"block {record.BlockNumber} {record.BlockHash ?? "-"}\n")
            .Append(CultureInfo.InvariantCulture, $"time {record.BlockTime.ToUnixTimeSeconds()}\n")
            .ToString();
    }

    /// <summary>Signs the statement for <paramref name="record"/> with every signer; returns the serialised note.</summary>
    public static string Sign(string origin, AnchorRecord record, IEnumerable<NoteSigner> signers) =>
        SignedNote.Sign(Text(origin, record), signers).Serialize();

    /// <summary>
    /// Checks that <paramref name="note"/> is signed by one of <paramref name="verifiers"/> and states exactly
    /// <paramref name="record"/> for the log <paramref name="origin"/>; <paramref name="error"/> says what differs.
    /// </summary>
    public static bool TryCheck(string note, string origin, AnchorRecord record, IReadOnlyList<NoteVerifier> verifiers, out string error)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        if (!SignedNote.TryParse(note, out var parsed, out error))
        {
            error = $"the anchor statement is not a valid signed note: {error}";
            return false;
        }

        if (!verifiers.Any(parsed.IsSignedBy))
        {
            error = $"the anchor statement has no valid signature by {string.Join(", ", verifiers.Select(v => v.Name))}";
            return false;
        }

        if (!string.Equals(parsed.Text, Text(origin, record), StringComparison.Ordinal))
        {
            error = "the anchor fields differ from the log's signed anchor statement";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
