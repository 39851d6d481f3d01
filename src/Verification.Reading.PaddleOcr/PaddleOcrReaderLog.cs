using Microsoft.Extensions.Logging;

namespace Verification.Reading.PaddleOcr;

/// <summary>The reader's log messages: outcomes and timings only, never what was read.</summary>
internal static partial class PaddleOcrReaderLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "The PaddleOCR reader is unavailable: {Detail}")]
    public static partial void Unavailable(ILogger logger, string detail);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "PaddleOCR reader ready: {Detail}")]
    public static partial void Ready(ILogger logger, string detail);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Debug, Message = "Identity photo read: zone found {Found}, {FailingDigits} failing check digit(s), fall-back used {FallBack}, waited {WaitedMs} ms, read in {ReadMs} ms")]
    public static partial void IdentityRead(ILogger logger, bool found, int failingDigits, bool fallBack, double waitedMs, double readMs);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Debug, Message = "Bank-details photo read: {Lines} text line(s), IBAN found {Found} ({Origin}), fall-back used {FallBack}, fall-back out of time {FallBackOutOfTime}, page out of time {OutOfTime}, waited {WaitedMs} ms, read in {ReadMs} ms")]
    public static partial void BankDetailsRead(ILogger logger, int lines, bool found, Verification.Core.Documents.Banking.IbanOrigin origin, bool fallBack, bool fallBackOutOfTime, bool outOfTime, double waitedMs, double readMs);
}
