using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>Where a page of alerts ended, in the list's order (raised at, newest first; then alert id): an opaque token for <c>?cursor=</c>.</summary>
public sealed record AlertCursor(DateTimeOffset RaisedAt, string AlertId)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{RaisedAt.UtcTicks}|{AlertId}")));

    public static bool TryDecode(string? token, out AlertCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            cursor = new AlertCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="alert"/> comes after this cursor in the list's order.</summary>
    public bool Precedes(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var byTime = alert.RaisedAt.CompareTo(RaisedAt);
        return byTime < 0 || (byTime == 0 && string.CompareOrdinal(alert.AlertId, AlertId) > 0);
    }
}
