using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>Collects every error logged, so a test fails when something logged an error it did not expect.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();

    public IReadOnlyCollection<string> Errors => errors.ToArray();

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
