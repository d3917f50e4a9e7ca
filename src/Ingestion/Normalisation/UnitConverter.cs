using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Normalisation;

/// <summary>
/// Converts readings to their sensor's canonical unit. Units of different dimensions never convert
/// (mm/s is a velocity, g an acceleration: refusing is the only honest answer without the frequency).
/// </summary>
public sealed class UnitConverter(IOptions<NormalisationOptions> options)
{
    private const double PartsPerMillionPerPercent = 10_000;

    private static readonly FrozenDictionary<string, UnitDefinition> Units = BuildUnits();

    /// <summary>Recognises a unit by symbol or common spelling (<c>°C</c>, <c>degC</c>, <c>mg/m3</c>, <c>% LEL</c>, …).</summary>
    public static bool TryParse(string? text, out UnitDefinition unit)
    {
        unit = null!;
        return text is not null && Units.TryGetValue(Key(text), out unit!);
    }

    /// <summary>Converts <paramref name="value"/> in <paramref name="fromUnit"/> to the sensor's canonical unit.</summary>
    public bool TryConvert(double value, string? fromUnit, SensorRegistration sensor, out double converted, out Rejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        converted = double.NaN;
        if (!TryParse(fromUnit, out var from))
        {
            rejection = new Rejection(RejectionReasons.UnknownUnit, $"unit '{fromUnit}' is not a known unit");
            return false;
        }

        if (!TryParse(sensor.Unit, out var to))
        {
            rejection = new Rejection(RejectionReasons.UnknownUnit, $"the sensor's registered unit '{sensor.Unit}' is not a known unit");
            return false;
        }

        if (from.Dimension != to.Dimension)
        {
            rejection = new Rejection(
                RejectionReasons.UnitUnconvertible,
                $"{from.Symbol} ({Describe(from.Dimension)}) cannot be converted to {to.Symbol} ({Describe(to.Dimension)})");
            return false;
        }

        if (!TryToBase(value, from, sensor, out var baseValue, out rejection) || !TryFromBase(baseValue, to, sensor, out converted, out rejection))
        {
            return false;
        }

        rejection = null;
        return true;
    }

    private static string Key(string text)
    {
        var key = text.Trim().ToLowerInvariant()
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("³", "3", StringComparison.Ordinal)
            .Replace("²", "2", StringComparison.Ordinal)
            .Replace("°", string.Empty, StringComparison.Ordinal);
        return key.StartsWith("deg", StringComparison.Ordinal) && key.Length > 3 ? key[3..] : key;
    }

    private static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.GasConcentration => "gas concentration",
        Dimension.VibrationVelocity => "vibration velocity",
        _ => dimension.ToString().ToLowerInvariant(),
    };

    private bool TryToBase(double value, UnitDefinition unit, SensorRegistration sensor, out double result, out Rejection? rejection)
    {
        result = double.NaN;
        if (!TryGasProperty(unit, sensor, out var property, out rejection))
        {
            return false;
        }

        result = unit.Scale switch
        {
            GasScale.Mass => value * options.Value.MolarVolume / property,
            GasScale.LowerExplosiveLimit => value / 100 * property * PartsPerMillionPerPercent,
            _ => (value * unit.Factor) + unit.Offset,
        };
        return true;
    }

    private bool TryFromBase(double value, UnitDefinition unit, SensorRegistration sensor, out double result, out Rejection? rejection)
    {
        result = double.NaN;
        if (!TryGasProperty(unit, sensor, out var property, out rejection))
        {
            return false;
        }

        result = unit.Scale switch
        {
            GasScale.Mass => value * property / options.Value.MolarVolume,
            GasScale.LowerExplosiveLimit => value / (property * PartsPerMillionPerPercent) * 100,
            _ => (value - unit.Offset) / unit.Factor,
        };
        return true;
    }

    /// <summary>The molar mass (mass units) or LEL (% LEL) a gas unit needs; 1 for units that need nothing.</summary>
    private static bool TryGasProperty(UnitDefinition unit, SensorRegistration sensor, out double property, out Rejection? rejection)
    {
        rejection = null;
        var (value, name) = unit.Scale switch
        {
            GasScale.Mass => (sensor.MolarMass, "molarMass"),
            GasScale.LowerExplosiveLimit => (sensor.LowerExplosiveLimit, "lowerExplosiveLimit"),
            _ => ((double?)1, string.Empty),
        };
        property = value ?? double.NaN;
        if (value is null)
        {
            rejection = MissingGasProperty(unit, sensor, name);
            return false;
        }

        return true;
    }

    private static Rejection MissingGasProperty(UnitDefinition unit, SensorRegistration sensor, string property) =>
        new(RejectionReasons.UnitUnconvertible, string.Create(
            CultureInfo.InvariantCulture,
            $"{unit.Symbol} needs the gas's {property}, which sensor '{sensor.Id}' was registered without"));

    private static FrozenDictionary<string, UnitDefinition> BuildUnits()
    {
        var ppm = new UnitDefinition("ppm", Dimension.GasConcentration, 1);
        var ppb = new UnitDefinition("ppb", Dimension.GasConcentration, 0.001);
        var vol = new UnitDefinition("%vol", Dimension.GasConcentration, PartsPerMillionPerPercent);
        var mg = new UnitDefinition("mg/m³", Dimension.GasConcentration, 1, Scale: GasScale.Mass);
        var lel = new UnitDefinition("%LEL", Dimension.GasConcentration, 1, Scale: GasScale.LowerExplosiveLimit);
        var c = new UnitDefinition("°C", Dimension.Temperature, 1);
        var f = new UnitDefinition("°F", Dimension.Temperature, 5.0 / 9.0, -32 * 5.0 / 9.0);
        var k = new UnitDefinition("K", Dimension.Temperature, 1, -273.15);
        var pa = new UnitDefinition("Pa", Dimension.Pressure, 1);
        var kpa = new UnitDefinition("kPa", Dimension.Pressure, 1_000);
        var mpa = new UnitDefinition("MPa", Dimension.Pressure, 1_000_000);
        var bar = new UnitDefinition("bar", Dimension.Pressure, 100_000);
        var mbar = new UnitDefinition("mbar", Dimension.Pressure, 100);
        var mms = new UnitDefinition("mm/s", Dimension.VibrationVelocity, 1);
        var ms2 = new UnitDefinition("m/s²", Dimension.Acceleration, 1);
        var g = new UnitDefinition("g", Dimension.Acceleration, 9.80665);
        var m3h = new UnitDefinition("m³/h", Dimension.Flow, 1);
        var lmin = new UnitDefinition("L/min", Dimension.Flow, 0.06);
        var mm = new UnitDefinition("mm", Dimension.Length, 0.001);
        var m = new UnitDefinition("m", Dimension.Length, 1);
        var percent = new UnitDefinition("%", Dimension.Fraction, 1);
        var map = new Dictionary<string, UnitDefinition>(StringComparer.Ordinal)
        {
            ["ppm"] = ppm,
            ["ppb"] = ppb,
            ["%vol"] = vol,
            ["vol%"] = vol,
            ["%v/v"] = vol,
            ["mg/m3"] = mg,
            ["%lel"] = lel,
            ["lel%"] = lel,
            ["c"] = c,
            ["celsius"] = c,
            ["f"] = f,
            ["fahrenheit"] = f,
            ["k"] = k,
            ["kelvin"] = k,
            ["pa"] = pa,
            ["kpa"] = kpa,
            ["mpa"] = mpa,
            ["bar"] = bar,
            ["mbar"] = mbar,
            ["mm/s"] = mms,
            ["m/s2"] = ms2,
            ["g"] = g,
            ["m3/h"] = m3h,
            ["l/min"] = lmin,
            ["mm"] = mm,
            ["m"] = m,
            ["%"] = percent,
        };
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
