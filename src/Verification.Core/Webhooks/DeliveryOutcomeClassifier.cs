namespace Verification.Core.Webhooks;

/// <summary>What one delivery attempt's answer means.</summary>
internal enum DeliveryOutcome
{
    /// <summary>A 2xx answer: delivered.</summary>
    Succeeded = 1,

    /// <summary>Anything else (including redirects, which are never followed, and transport errors): try again later.</summary>
    Failed = 2,

    /// <summary><c>410 Gone</c>: the receiver says the endpoint no longer exists; disable it and stop.</summary>
    EndpointGone = 3,
}

/// <summary>Maps an HTTP answer of a delivery attempt to a <see cref="DeliveryOutcome"/>.</summary>
internal static class DeliveryOutcomeClassifier
{
    /// <summary>
    /// Classifies a status code. Only 2xx is success; 3xx counts as a failure because redirects are not
    /// followed (a redirect could point the request at an address the policy refuses); 410 disables the endpoint.
    /// </summary>
    public static DeliveryOutcome Classify(int statusCode) => statusCode switch
    {
        >= 200 and <= 299 => DeliveryOutcome.Succeeded,
        410 => DeliveryOutcome.EndpointGone,
        _ => DeliveryOutcome.Failed,
    };

    /// <summary>
    /// Classifies an attempt; <see langword="null"/> means no answer (timeout, refused connection, refused
    /// address, TLS failure), which is a failure.
    /// </summary>
    public static DeliveryOutcome Classify(int? statusCode) =>
        statusCode is { } code ? Classify(code) : DeliveryOutcome.Failed;

    /// <summary>Whether the answer's <c>Retry-After</c> header is honoured: <c>429</c> and <c>503</c>.</summary>
    public static bool HonoursRetryAfter(int? statusCode) => statusCode is 429 or 503;
}
