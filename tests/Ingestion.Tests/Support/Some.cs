using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>Test data builders.</summary>
public static class Some
{
    public const string Tenant = "acme-chem";
    public const string Site = "plant-1";
    public const string ApiKey = "test-key-acme-0123456789";

    public static SensorRegistration H2S(string id = "h2s-1") => new()
    {
        Id = id,
        Kind = SensorKind.ToxicGas,
        Unit = "ppm",
        Gas = "H2S",
        MolarMass = 34.08,
        Site = Site,
        Area = "tank-farm",
        ExpectedPeriodSeconds = 1,
        RangeMin = 0,
        RangeMax = 500,
        Alarms = new AlarmLevels(Level1: 10, Level2: 15),
        RequiredForCompliance = true,
    };

    public static SensorRegistration Methane(string id = "ch4-1") => new()
    {
        Id = id,
        Kind = SensorKind.FlammableGas,
        Unit = "%LEL",
        Gas = "CH4",
        MolarMass = 16.04,
        LowerExplosiveLimit = 5,
        Site = Site,
        Alarms = new AlarmLevels(Level1: 25, Level2: 50),
    };

    public static SensorRegistration Accelerometer(string id = "acc-1") => new()
    {
        Id = id,
        Kind = SensorKind.Vibration,
        Unit = "g",
        Site = Site,
    };

    public static string Reading(DateTimeOffset ts, double value, string unit = "ppm", long? seq = null, string? quality = null)
    {
        var node = new JsonObject
        {
            ["ts"] = ts.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["value"] = value,
            ["unit"] = unit,
        };
        if (seq is not null)
        {
            node["seq"] = seq;
        }

        if (quality is not null)
        {
            node["quality"] = quality;
        }

        return node.ToJsonString();
    }

    public static string HttpReading(DateTimeOffset ts, double value, string sensor = "h2s-1", string unit = "ppm", string tenant = Tenant, long? seq = null)
    {
        var node = JsonNode.Parse(Reading(ts, value, unit, seq))!.AsObject();
        node["tenant"] = tenant;
        node["site"] = Site;
        node["sensor"] = sensor;
        return node.ToJsonString();
    }

    public static string Topic(string sensor = "h2s-1", string tenant = Tenant) => $"sl/{tenant}/{Site}/{sensor}/data";

    public static string Json(SensorRegistration registration) =>
        JsonSerializer.Serialize(registration, IngestionJsonContext.Default.SensorRegistration);
}
