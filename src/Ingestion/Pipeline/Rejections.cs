using System.Globalization;

namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>Rejections that more than one transport builds.</summary>
public static class Rejections
{
    public static Rejection TooLarge(long length, int limit) =>
        new(RejectionReasons.PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"{length} bytes; at most {limit} (the dead letter keeps the first {limit})"));

    public static Rejection InvalidTopic(string? topic) =>
        new(RejectionReasons.InvalidTopic, $"topic '{topic}' does not name tenant, site and sensor as plain identifiers");
}
