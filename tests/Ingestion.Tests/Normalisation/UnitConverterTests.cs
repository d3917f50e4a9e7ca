using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Normalisation;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Tests.Support;

namespace SafetyLedger.Ingestion.Tests.Normalisation;

public sealed class UnitConverterTests
{
    private readonly UnitConverter units = new(Options.Create(new NormalisationOptions()));

    [Theory]
    [InlineData(10.0, "ppm", "mg/m³", 13.938650306748467)] // 10 × 34.08 / 24.45
    [InlineData(13.938650306748467, "mg/m3", "ppm", 10.0)]
    [InlineData(1.0, "%vol", "ppm", 10_000.0)]
    [InlineData(500.0, "ppb", "ppm", 0.5)]
    public void H2S_concentrations_convert_with_the_molar_volume_at_25_C(double value, string from, string to, double expected)
    {
        var sensor = Some.H2S() with { Unit = to };
        Assert.True(units.TryConvert(value, from, sensor, out var converted, out var rejection), rejection?.Detail);
        Assert.Equal(expected, converted, 9);
    }

    [Theory]
    [InlineData(2.5, "%vol", 50.0)] // methane LEL 5 % vol: 2.5 % vol is half the LEL
    [InlineData(12_500.0, "ppm", 25.0)]
    [InlineData(50.0, "% LEL", 50.0)]
    public void Methane_converts_to_percent_LEL_with_its_explosive_limit(double value, string from, double expected)
    {
        Assert.True(units.TryConvert(value, from, Some.Methane(), out var converted, out var rejection), rejection?.Detail);
        Assert.Equal(expected, converted, 9);
    }

    [Theory]
    [InlineData(212.0, "°F", 100.0)]
    [InlineData(32.0, "degF", 0.0)]
    [InlineData(273.15, "K", 0.0)]
    [InlineData(20.0, "C", 20.0)]
    public void Temperatures_convert_to_celsius(double value, string from, double expected)
    {
        var sensor = new SensorRegistration { Id = "t-1", Kind = SensorKind.Temperature, Unit = "°C" };
        Assert.True(units.TryConvert(value, from, sensor, out var converted, out _));
        Assert.Equal(expected, converted, 9);
    }

    [Theory]
    [InlineData(1.0, "MPa", 1000.0)]
    [InlineData(1.0, "bar", 100.0)]
    [InlineData(2500.0, "Pa", 2.5)]
    [InlineData(3.0, "kPa", 3.0)]
    public void Pressures_convert_to_kPa(double value, string from, double expected)
    {
        var sensor = new SensorRegistration { Id = "p-1", Kind = SensorKind.Pressure, Unit = "kPa" };
        Assert.True(units.TryConvert(value, from, sensor, out var converted, out _));
        Assert.Equal(expected, converted, 9);
    }

    [Fact]
    public void Vibration_velocity_in_mm_per_s_is_not_convertible_to_acceleration_in_g()
    {
        Assert.False(units.TryConvert(4.5, "mm/s", Some.Accelerometer(), out _, out var rejection));
        Assert.Equal(RejectionReasons.UnitUnconvertible, rejection!.Reason);
        Assert.Contains("mm/s (vibration velocity) cannot be converted to g (acceleration)", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceleration_in_g_is_not_convertible_to_velocity_either()
    {
        var velocity = new SensorRegistration { Id = "v-1", Kind = SensorKind.Vibration, Unit = "mm/s" };
        Assert.False(units.TryConvert(0.3, "g", velocity, out _, out var rejection));
        Assert.Equal(RejectionReasons.UnitUnconvertible, rejection!.Reason);
    }

    [Fact]
    public void Mass_concentration_without_a_molar_mass_is_refused()
    {
        var sensor = Some.H2S() with { MolarMass = null };
        Assert.False(units.TryConvert(5, "mg/m³", sensor, out _, out var rejection));
        Assert.Equal(RejectionReasons.UnitUnconvertible, rejection!.Reason);
        Assert.Contains("molarMass", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_unit_is_refused_as_unknown()
    {
        Assert.False(units.TryConvert(5, "furlongs", Some.H2S(), out _, out var rejection));
        Assert.Equal(RejectionReasons.UnknownUnit, rejection!.Reason);
    }
}
