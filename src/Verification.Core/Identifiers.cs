using System.Security.Cryptography;

namespace Verification.Core;

/// <summary>
/// Creates identifiers: ULIDs (26 characters of Crockford base32, time-ordered, 80 random bits), so that
/// ordering by id is ordering by creation and ids leak nothing but a creation time.
/// </summary>
public static class Identifiers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

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
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return string.Create(26, (milliseconds, Random: ToUInt128(random)), static (chars, state) =>
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
