using System.Buffers;
using Verification.Core.Submissions;

namespace Verification.Core.Documents.Files;

/// <summary>The decoded content of a data URI.</summary>
/// <param name="MediaType">The declared media type, lower case, without parameters (may be empty).</param>
/// <param name="Data">The decoded bytes.</param>
public sealed record DataUriContent(string MediaType, byte[] Data);

/// <summary>
/// Parses <c>data:[&lt;media type&gt;][;param=value]*;base64,&lt;payload&gt;</c> (RFC 2397) with a base64
/// payload. The decoded size is computed from the payload length and checked against the limit
/// <em>before</em> anything is decoded, so an oversized file costs no memory. Rules:
/// <list type="bullet">
/// <item>The scheme is case-insensitive; <c>;base64</c> is required (percent-encoded payloads are refused).</item>
/// <item>The payload uses the standard alphabet (<c>A-Z a-z 0-9 + /</c>); the URL-safe alphabet is refused.</item>
/// <item>Whitespace (space, tab, CR, LF) inside the payload is tolerated and ignored, because MIME encoders
/// wrap lines at 76 characters; any other character is refused.</item>
/// <item>Padding is required: the payload without whitespace has a length multiple of 4, with at most two
/// <c>=</c>, only at the end.</item>
/// </list>
/// Failures: <c>file.invalid_data_uri</c>, <c>file.empty</c>, <c>file.too_large</c>.
/// </summary>
public static class DataUri
{
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n");
    private static readonly SearchValues<char> AlphabetAndWhitespace =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ \t\r\n");

    /// <summary>Parses and decodes a data URI, refusing one whose decoded size exceeds <paramref name="maxDecodedBytes"/>.</summary>
    public static Outcome<DataUriContent> Parse(string? uri, long maxDecodedBytes)
    {
        if (!TryParseHeader(uri, out var mediaType, out var payloadStart, out var failure))
        {
            return failure;
        }

        var payload = uri.AsSpan(payloadStart);
        Count(payload, out var significant, out var whitespace, out var padding);
        if (significant == 0)
        {
            return Failure.Invalid(SubmissionErrors.FileEmpty, "The data URI carries no data.");
        }

        // The limit is checked from the length alone, before the payload is validated or decoded.
        var decodedLength = (significant / 4 * 3) - padding;
        if (decodedLength > maxDecodedBytes)
        {
            return Failure.TooLarge(SubmissionErrors.FileTooLarge, $"The file is larger than the limit of {maxDecodedBytes} bytes.");
        }

        var invalid = Validate(payload, significant, padding);
        if (invalid is not null)
        {
            return invalid;
        }

        if (decodedLength <= 0)
        {
            return Failure.Invalid(SubmissionErrors.FileEmpty, "The data URI carries no data.");
        }

        var bytes = new byte[decodedLength];
        if (whitespace == 0)
        {
            if (!Convert.TryFromBase64Chars(payload, bytes, out var written) || written != decodedLength)
            {
                return Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The base64 payload cannot be decoded.");
            }
        }
        else
        {
            var compact = new char[significant];
            var at = 0;
            foreach (var c in payload)
            {
                if (c is not (' ' or '\t' or '\r' or '\n'))
                {
                    compact[at++] = c;
                }
            }

            if (!Convert.TryFromBase64Chars(compact, bytes, out var written) || written != decodedLength)
            {
                return Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The base64 payload cannot be decoded.");
            }
        }

        return new DataUriContent(mediaType, bytes);
    }

    /// <summary>
    /// The decoded length a data URI announces, computed without decoding; a failure for a malformed URI.
    /// Lets callers check limits and reserve buffers first.
    /// </summary>
    public static Outcome<long> DecodedLength(string? uri)
    {
        if (!TryParseHeader(uri, out _, out var payloadStart, out var failure))
        {
            return failure;
        }

        var payload = uri.AsSpan(payloadStart);
        Count(payload, out var significant, out _, out var padding);
        var invalid = Validate(payload, significant, padding);
        if (invalid is not null)
        {
            return invalid;
        }

        return significant == 0 ? 0 : (significant / 4 * 3) - padding;
    }

    private static bool TryParseHeader([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? uri, out string mediaType, out int payloadStart, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Failure? failure)
    {
        mediaType = string.Empty;
        payloadStart = 0;
        failure = null;
        if (string.IsNullOrEmpty(uri))
        {
            failure = Failure.Invalid(SubmissionErrors.FileEmpty, "No file was given.");
            return false;
        }

        if (!uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            failure = Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The file is not a data URI (it must start with 'data:').");
            return false;
        }

        // The header is short; looking for the comma in the first kilobyte bounds the work on garbage.
        var comma = uri.AsSpan(0, Math.Min(uri.Length, 1024)).IndexOf(',');
        if (comma < 0)
        {
            failure = Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The data URI has no ',' before its payload.");
            return false;
        }

        var header = uri.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            failure = Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The data URI must be base64 encoded (';base64' is missing).");
            return false;
        }

        var parameters = header[..^7];
        var semicolon = parameters.IndexOf(';');
        var type = (semicolon < 0 ? parameters : parameters[..semicolon]).Trim();
        mediaType = type.ToString().ToLowerInvariant();
        payloadStart = comma + 1;
        return true;
    }

    // Vectorised counts: characters other than whitespace, whitespace, and trailing '=' (up to two).
    private static void Count(ReadOnlySpan<char> payload, out long significant, out long whitespace, out int padding)
    {
        whitespace = payload.IndexOfAny(Whitespace) < 0
            ? 0
            : payload.Count(' ') + payload.Count('\t') + payload.Count('\r') + payload.Count('\n');
        significant = payload.Length - whitespace;
        var trimmed = payload.TrimEnd(" \t\r\n");
        padding = trimmed.EndsWith("==") ? 2 : trimmed.EndsWith("=") ? 1 : 0;
    }

    // Null when the payload uses only the base64 alphabet (and whitespace), with its padding at the end only.
    private static Failure? Validate(ReadOnlySpan<char> payload, long significant, int padding)
    {
        var body = payload.TrimEnd(" \t\r\n");
        body = body[..^padding];
        if (body.IndexOfAnyExcept(AlphabetAndWhitespace) >= 0)
        {
            return Failure.Invalid(SubmissionErrors.FileInvalidDataUri, body.Contains('=')
                ? "The base64 payload has '=' before its end or more than two."
                : "The base64 payload holds a character outside the base64 alphabet.");
        }

        if (significant % 4 != 0)
        {
            return Failure.Invalid(SubmissionErrors.FileInvalidDataUri, "The base64 payload is not correctly padded.");
        }

        return null;
    }
}
