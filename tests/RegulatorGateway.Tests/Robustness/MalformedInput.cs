using System.Text;

namespace SafetyLedger.RegulatorGateway.Tests.Robustness;

/// <summary>Seeded generator of malformed values: bodies, ids, query values, headers, MQTT payloads.</summary>
public sealed class MalformedInput(int seed)
{
    private static readonly string[] Ids = ["%20", "%09", "a%2Fb", "..", "%00", new string('x', 300), "%E4%B8%AD%E6%96%87", "a%20b", "-", "_system", "%F0%9F%92%A5", "'%3B--", "%25", "a.b.c.d.e"];
    private static readonly string[] Values = ["-1", "0", "99999999999999999999", "1e308", "NaN", "abc", "", "%00", "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01", "true", "[]", new string('9', 500), "hour%00", "day;drop", "-9223372036854775808"];
    private static readonly string[] Bodies =
    [
        "", "{", "}", "[", "null", "true", "0", "\"x\"", "[]", "{}", "{\"expectedVersion\":\"x\"}", "{\"expectedVersion\":-5}",
        "{\"expectedVersion\":1e308}", "{\"expectedVersion\":9223372036854775808}", "{\"label\":123}", "{\"role\":\"root\"}",
        "{\"role\":\"admin\",\"tenant\":\"acme\"}", "{\"id\":\" \",\"region\":\"\",\"name\":\"\"}", "{\"actor\":\"mallory\",\"expectedVersion\":0}",
        "[{\"tenant\":\"acme\",\"site\":\"plant-1\",\"sensor\":\"h2s-1\",\"ts\":\"never\",\"value\":1,\"unit\":\"ppm\"}]",
        "[{\"tenant\":\"acme\",\"site\":\"plant-1\",\"sensor\":\"h2s-1\",\"ts\":\"2026-01-01T00:00:00Z\",\"value\":1e308,\"unit\":\"ppm\"}]",
        "[{\"value\":\"NaN\"}]", "{\"a\":" + new string('[', 200) + new string(']', 200) + "}", "\u0000\u0001\u0002", "{\"id\":\"x\",\"kind\":\"laser\"}",
    ];

    private readonly Random random = new(seed);

    public string Id() => Pick(Ids);

    public string Value() => Pick(Values);

    public string Body()
    {
        var choice = random.Next(4);
        var body = Pick(Bodies);
        return choice switch
        {
            0 => body,
            1 => body + Pick(Bodies),
            2 => RandomText(random.Next(0, 2000)),
            _ => body[..random.Next(0, body.Length + 1)],
        };
    }

    public string ContentType() => random.Next(5) switch
    {
        0 => "text/plain",
        1 => "application/xml",
        _ => "application/json",
    };

    public string? Key(IReadOnlyList<string> keys) => random.Next(6) switch
    {
        0 => null,
        1 => RandomText(random.Next(1, 400)),
        _ => keys[random.Next(keys.Count)],
    };

    public byte[] Payload()
    {
        var choice = random.Next(4);
        return choice switch
        {
            0 => Encoding.UTF8.GetBytes(Pick(Bodies)),
            1 => RandomBytes(random.Next(0, 512)),
            2 => Encoding.UTF8.GetBytes("{\"ts\":\"" + Value() + "\",\"value\":" + Value() + ",\"unit\":\"" + Value() + "\"}"),
            _ => Encoding.UTF8.GetBytes("{\"ts\":\"2026-01-01T00:00:00Z\",\"value\":1e308,\"unit\":\"ppm\",\"seq\":" + Value() + "}"),
        };
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next(0x20, 0x7f);
        }

        return new string(chars);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
