using Microsoft.Extensions.Logging;

namespace Verification.Reading.Tesseract;

/// <summary>The reader's log messages: outcomes and timings only, never what was read.</summary>
internal static partial class TesseractReaderLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "The document reader is unavailable: {Detail}")]
    public static partial void Unavailable(ILogger logger, string detail);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Document reader ready: {Detail}; {Engines} engine(s) warm")]
    public static partial void Ready(ILogger logger, string detail, int engines);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug, Message = "Identity document read: zone found {Found} by {Alternative} after {Tried} alternative(s), waited {WaitedMs} ms, read in {ReadMs} ms")]
    public static partial void IdentityRead(ILogger logger, bool found, string? alternative, int tried, double waitedMs, double readMs);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Debug, Message = "Bank details read from {Source}: IBAN passing its checks {Found}, waited {WaitedMs} ms, read in {ReadMs} ms")]
    public static partial void BankDetailsRead(ILogger logger, string source, bool found, double waitedMs, double readMs);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "A document could not be read: {Code}")]
    public static partial void NotRead(ILogger logger, string code);
}
