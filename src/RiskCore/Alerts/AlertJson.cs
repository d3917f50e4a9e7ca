using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>JSON of alert payloads and documents: camelCase names, enums as kebab-case strings (<c>true-alarm</c>, <c>red</c>).</summary>
public static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlyMemory<byte> json) =>
        JsonSerializer.Deserialize<T>(json.Span, Options) ?? throw new JsonException($"Empty {typeof(T).Name} payload.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
