using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// Every log entry the host writes (at the levels its own configuration enables): the formatted message, the
/// structured values and the exception, so that a test can look for personal values it sent.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>How many entries were written so far; pass it to <see cref="Since"/>.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries written after the first <paramref name="start"/> ones.</summary>
    public IReadOnlyList<string> Since(int start) => _entries.Skip(start).ToList();

    /// <summary>The entries containing any of <paramref name="values"/> (ordinal, ignoring case).</summary>
    public IReadOnlyList<string> Mentioning(int start, IEnumerable<string> values)
    {
        var needles = values.Where(v => v.Length >= 4).ToList();
        return Since(start).Where(e => needles.Any(n => e.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            owner._entries.Enqueue(text.ToString());
        }
    }
}
