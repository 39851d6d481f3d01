using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Verification.Core;
using Verification.Core.Submissions;

namespace Verification.AspNetCore.Http;

/// <summary>Reads JSON bodies into results, so a bad body is a problem with a stable code, never an exception.</summary>
internal static class JsonBody
{
    public static async ValueTask<Outcome<T>> ReadAsync<T>(HttpRequest request, JsonSerializerOptions options, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return Failure.Unsupported(SubmissionErrors.RequestUnsupportedMediaType, "Send the body as application/json.");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken).ConfigureAwait(false);
            return value is null ? Failure.Invalid(SubmissionErrors.RequestInvalidJson, "The body is empty or null.") : value;
        }
        catch (JsonException ex)
        {
            // The path and position help the integrator; the message holds no body content.
            return Failure.Invalid(SubmissionErrors.RequestInvalidJson, $"The body is not valid JSON for this request (at {ex.Path ?? "$"}, line {ex.LineNumber}, byte {ex.BytePositionInLine}).");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without a declared length reaches the server's limit while it is being read.
            return Failure.TooLarge(SubmissionErrors.RequestTooLarge, "The request body is over the limit.");
        }
        catch (BadHttpRequestException)
        {
            // Malformed framing (a bad chunk, a body ending early): the client's fault, not the server's.
            return Failure.Invalid(SubmissionErrors.RequestInvalidBody, "The request body could not be read as sent.");
        }
    }
}
