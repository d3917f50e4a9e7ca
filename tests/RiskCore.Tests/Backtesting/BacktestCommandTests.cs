using System.Globalization;
using System.Text;
using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("riskcore-backtest").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Matrix(int rows, int columns, char separator, Func<int, int, double> value, string? header = null, Func<int, string>? prefix = null, Func<int, string>? suffix = null)
    {
        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        for (var r = 0; r < rows; r++)
        {
            var fields = Enumerable.Range(0, columns).Select(c => value(r, c).ToString("R", CultureInfo.InvariantCulture));
            var line = string.Join(separator, fields);
            text.Append(prefix?.Invoke(r)).Append(line).Append(suffix?.Invoke(r)).Append('\n');
        }

        return text.ToString();
    }

    private static double Noise(int r, int c) => Math.Sin((r * 7.3) + (c * 1.9)) + (0.5 * Math.Cos(r * 0.37 * (c + 1)));

    private static async Task<(int Code, string Out, string Err)> Run(BacktestRequest request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await new BacktestCommand().RunAsync(request, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLinePerRow(string output, int rows)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows, lines.Length);
        for (var i = 0; i < rows; i++)
        {
            var parts = lines[i].Split(',');
            Assert.Equal(3, parts.Length);
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), parts[0]);
            Assert.True(double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _), lines[i]);
            Assert.True(parts[2] is "0" or "1", lines[i]);
        }
    }

    [Fact]
    public async Task Comma_file_with_header_prints_one_line_per_test_row()
    {
        var train = Write("train.csv", Matrix(200, 4, ',', Noise, "a,b,c,d"));
        var test = Write("test.csv", Matrix(50, 4, ',', (r, c) => Noise(r + 500, c) + (r > 30 ? 10 : 0), "a,b,c,d"));
        var (code, output, _) = await Run(new BacktestRequest(train, test, "pca", null, null, null));
        Assert.Equal(0, code);
        AssertOneLinePerRow(output, 50);
        Assert.EndsWith(",1", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Semicolon_skab_like_file_ignores_the_datetime_and_label_columns()
    {
        const string header = "datetime;x1;x2;x3;anomaly;changepoint";
        var train = Write("train.csv", Matrix(120, 3, ';', Noise, header, r => $"2020-03-09 10:{r / 60:00}:{r % 60:00};", _ => ";0.0;0.0"));
        var test = Write("test.csv", Matrix(40, 3, ';', (r, c) => Noise(r + 300, c), header, r => $"2020-03-09 11:00:{r:00};", r => r > 20 ? ";1.0;0.0" : ";0.0;0.0"));
        var (code, output, _) = await Run(new BacktestRequest(train, test, null, null, null, null));
        Assert.Equal(0, code);
        AssertOneLinePerRow(output, 40);
    }

    [Fact]
    public async Task Whitespace_tep_like_files_with_a_transposed_training_matrix_are_read()
    {
        var transposed = Write("d00.dat", Matrix(5, 60, ' ', (r, c) => Noise(c, r)));
        var test = Write("d01.dat", Matrix(30, 5, ' ', (r, c) => Noise(r + 100, c)).Replace("\n", "\n   ", StringComparison.Ordinal));
        var (code, output, err) = await Run(new BacktestRequest(transposed, test, "dpca", null, null, null));
        Assert.True(code == 0, err);
        AssertOneLinePerRow(output, 30);
    }

    [Fact]
    public async Task Nab_timestamp_value_file_uses_the_univariate_detector()
    {
        var train = Write("train.csv", Matrix(300, 1, ',', Noise, "timestamp,value", r => $"2014-07-01 {r / 60:00}:{r % 60:00}:00,"));
        var test = Write("test.csv", Matrix(100, 1, ',', (r, c) => r == 60 ? 40 : Noise(r + 300, c), "timestamp,value", r => $"2014-07-02 {r / 60:00}:{r % 60:00}:00,"));
        var (code, output, _) = await Run(new BacktestRequest(train, test, null, null, null, null));
        Assert.Equal(0, code);
        AssertOneLinePerRow(output, 100);
        Assert.EndsWith(",1", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[60], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_numeric_value_is_rejected_with_exit_code_1_and_a_message()
    {
        var train = Write("train.csv", "a,b\n1,2\n3,4\n5,7\n6,1\n");
        var test = Write("test.csv", "a,b\n1,2\n3,oops\n");
        var (code, output, err) = await Run(new BacktestRequest(train, test, null, null, null, null));
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("oops", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_rejected_with_exit_code_1()
    {
        var (code, _, err) = await Run(new BacktestRequest(Path.Combine(_directory, "none.csv"), Path.Combine(_directory, "none2.csv"), null, null, null, null));
        Assert.Equal(1, code);
        Assert.NotEmpty(err);
    }

    [Theory]
    [InlineData(null, "x.csv", null, null, null)]
    [InlineData("a.csv", "b.csv", "nosuch", null, null)]
    [InlineData(null, null, null, "nosuch", "dir")]
    [InlineData(null, null, null, "skab", null)]
    [InlineData("a.csv", null, null, "skab", "dir")]
    public async Task Usage_errors_exit_with_code_2(string? train, string? test, string? detector, string? benchmark, string? data)
    {
        var (code, output, err) = await Run(new BacktestRequest(train, test, detector, benchmark, data, null));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("usage", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.csv", "b.csv", null, "standard")]
    [InlineData(null, null, "skab", "standard")]
    [InlineData(null, null, "nab", "nosuch")]
    public async Task A_profile_is_a_usage_error_unless_it_names_a_NAB_profile_for_the_NAB_benchmark(string? train, string? test, string? benchmark, string profile)
    {
        var (code, output, err) = await Run(new BacktestRequest(train, test, null, benchmark, benchmark is null ? null : "dir", profile));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("profile", err, StringComparison.Ordinal);
    }
}
