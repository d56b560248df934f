using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CounselConnect.IntegrationTests.Support;

/// <summary>
/// Every log line (message, scope-free, with exception text) of every test host in this process, as
/// "Level time category: message exception", the time in UTC as yyyy-MM-ddTHH:mm:ss.fffZ.
/// </summary>
public sealed class LogSink : ILoggerProvider
{
    public static ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>The time a log line was written (the second word), in a form that sorts as text.</summary>
    public static string TimeOf(string line)
    {
        var start = line.IndexOf(' ', StringComparison.Ordinal) + 1;
        var end = start > 0 ? line.IndexOf(' ', start) : -1;
        return end > start ? line[start..end] : string.Empty;
    }

    /// <summary>A UTC time as the log lines write it.</summary>
    public static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Lines.Enqueue($"{logLevel} {Stamp(DateTime.UtcNow)} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
