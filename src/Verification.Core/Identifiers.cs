using System.Security.Cryptography;

namespace Verification.Core;

/// <summary>
/// Creates identifiers: ULIDs (26 characters of Crockford base32, time-ordered, 80 random bits), so that
/// ordering by id is ordering by creation and ids leak nothing but a creation time. Within a process the
/// ids are monotonic: two ids of the same millisecond still sort in the order they were made.
/// </summary>
public static class Identifiers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;
    private static readonly Lock Gate = new();
    private static ulong _lastMilliseconds;
    private static UInt128 _lastRandom;

    /// <summary>A new ULID for the current instant of <paramref name="timeProvider"/>.</summary>
    public static string NewUlid(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return NewUlid(timeProvider.GetUtcNow());
    }

    /// <summary>A new ULID for <paramref name="instant"/>.</summary>
    public static string NewUlid(DateTimeOffset instant)
    {
        var milliseconds = (ulong)instant.ToUnixTimeMilliseconds();
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var random = ToUInt128(bytes);
        lock (Gate)
        {
            // Same (or an earlier) millisecond as the last id: continue from it so the order is kept.
            if (milliseconds <= _lastMilliseconds && _lastRandom < RandomMask)
            {
                milliseconds = _lastMilliseconds;
                random = _lastRandom + 1;
            }

            _lastMilliseconds = milliseconds;
            _lastRandom = random;
        }

        return string.Create(26, (milliseconds, Random: random), static (chars, state) =>
        {
            var time = state.milliseconds;
            for (var i = 9; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(time & 31)];
                time >>= 5;
            }

            var random = state.Random;
            for (var i = 25; i >= 10; i--)
            {
                chars[i] = Alphabet[(int)(random & 31)];
                random >>= 5;
            }
        });
    }

    private static UInt128 ToUInt128(ReadOnlySpan<byte> bytes)
    {
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
