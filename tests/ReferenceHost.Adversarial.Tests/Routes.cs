using System.Net.Http.Headers;
using System.Text;
using Verification.Core.ServiceAccounts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>How a route takes its input.</summary>
public enum Payload
{
    None,
    Json,
    Multipart,
}

/// <summary>
/// One API route: how to call it, the scope it needs, what its body looks like when it has one, and the JSON
/// property a hostile body is built around. A new endpoint is one line of <see cref="Routes.Api"/>.
/// </summary>
/// <param name="Name">The endpoint name.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Template">The path, with <c>{id}</c> for a path parameter.</param>
/// <param name="Scope">The scope it needs (a read level is named by <see cref="Scopes.ReadMetadata"/>).</param>
/// <param name="Payload">What it reads.</param>
/// <param name="MainProperty">The JSON property hostile bodies put wrong values in.</param>
/// <param name="SampleJson">A well-formed body (JSON routes).</param>
public sealed record ApiRoute(string Name, string Method, string Template, string Scope, Payload Payload = Payload.None, string? MainProperty = null, string? SampleJson = null)
{
    public string Path(string id) => Template.Replace("{id}", id, StringComparison.Ordinal);

    /// <summary>A well-formed body for the route, so that only what a test changes is wrong.</summary>
    public HttpContent? Sample() => Payload switch
    {
        Payload.Json => new StringContent(SampleJson ?? "{}", Encoding.UTF8, "application/json"),
        Payload.Multipart => Routes.Ingest(Specimens.Jpeg(), "image/jpeg", "passport.jpg", """{"source_tag":"vkyc","document_category":"other"}"""),
        _ => null,
    };
}

/// <summary>The HTTP surface of the reference host.</summary>
public static class Routes
{
    private static readonly string Mrz = Specimens.IcaoPassport.Replace("\n", "\\n", StringComparison.Ordinal);

    public static IReadOnlyList<ApiRoute> Api { get; } =
    [
        new("documents.reco_id", "POST", "/api/v1/reco/id", Scopes.DocumentsSubmit, Payload.Json, "paramDict", $$$"""{"paramDict":{"files":["{{{Specimens.DataUri(Specimens.Jpeg())}}}"]}}"""),
        new("documents.reco_bankdetails", "POST", "/api/v1/reco/bankdetails", Scopes.DocumentsSubmit, Payload.Json, "paramDict", $$$"""{"paramDict":{"file":"{{{Specimens.DataUri(Specimens.Pdf(), "application/pdf")}}}"}}"""),
        new("documents.reco_mrz", "POST", "/api/v1/reco/mrz", Scopes.DocumentsSubmit, Payload.Json, "paramDict", $$$"""{"paramDict":{"mrz":"{{{Mrz}}}"}}"""),
        new("documents.ingest", "POST", "/api/v1/ingest", Scopes.DocumentsSubmit, Payload.Multipart),
        new("verifications.get", "GET", "/api/v1/verifications/{id}", Scopes.ReadMetadata),
        new("verifications.list", "GET", "/api/v1/verifications", Scopes.ReadMetadata),
        new("verifications.archive", "POST", "/api/v1/verifications/{id}/archive", Scopes.Archive),
        new("analyses.decide", "POST", "/api/v1/analyses/{id}/decision", Scopes.Review, Payload.Json, "decision", """{"decision":"approve","comment":"ok"}"""),
        new("admin.service_users.create", "POST", "/api/v1/admin/service-users", Scopes.Admin, Payload.Json, "name", """{"name":"crm","sourceSystem":"crm"}"""),
        new("admin.service_users.list", "GET", "/api/v1/admin/service-users", Scopes.Admin),
        new("admin.tokens.mint", "POST", "/api/v1/admin/tokens", Scopes.Admin, Payload.Json, "serviceUser", """{"serviceUser":"nobody","scopes":["documents:submit"]}"""),
        new("admin.tokens.list", "GET", "/api/v1/admin/tokens", Scopes.Admin),
        new("admin.tokens.disable", "POST", "/api/v1/admin/tokens/{id}/disable", Scopes.Admin),
        new("admin.tokens.enable", "POST", "/api/v1/admin/tokens/{id}/enable", Scopes.Admin),
        new("admin.tokens.revoke", "POST", "/api/v1/admin/tokens/{id}/revoke", Scopes.Admin),
        new("admin.webhooks.list", "GET", "/api/v1/admin/webhooks", Scopes.Admin),
        new("admin.webhooks.add", "POST", "/api/v1/admin/webhooks", Scopes.Admin, Payload.Json, "url", """{"url":"http://127.0.0.1:9/hooks"}"""),
        new("admin.webhooks.disable", "POST", "/api/v1/admin/webhooks/{id}/disable", Scopes.Admin, Payload.Json, "reason", """{"reason":"maintenance"}"""),
        new("admin.webhooks.enable", "POST", "/api/v1/admin/webhooks/{id}/enable", Scopes.Admin),
        new("admin.webhooks.rotate_secret", "POST", "/api/v1/admin/webhooks/{id}/rotate-secret", Scopes.Admin),
        new("admin.webhooks.test", "POST", "/api/v1/admin/webhooks/{id}/test", Scopes.Admin),
        new("admin.webhook_deliveries.list", "GET", "/api/v1/admin/webhook-deliveries", Scopes.Admin),
        new("admin.webhook_deliveries.get", "GET", "/api/v1/admin/webhook-deliveries/{id}", Scopes.Admin),
        new("admin.webhook_deliveries.resend", "POST", "/api/v1/admin/webhook-deliveries/{id}/resend", Scopes.Admin),
    ];

    public static ApiRoute Named(string name) => Api.Single(r => r.Name == name);

    /// <summary>A random id of the shape the API generates, that no store holds.</summary>
    public static string MissingId() => Verification.Core.Identifiers.NewUlid(TimeProvider.System);

    /// <summary>An ingest body: a <c>file</c> part and a <c>metadata</c> part.</summary>
    public static MultipartFormDataContent Ingest(byte[] file, string? mediaType, string? fileName, string? metadata)
    {
        var content = new MultipartFormDataContent("adversarial-boundary-" + Guid.NewGuid().ToString("N"));
        var part = new ByteArrayContent(file);
        if (mediaType is not null)
        {
            part.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        if (fileName is null)
        {
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"" };
        }
        else
        {
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName}\"");
        }

        content.Add(part);
        if (metadata is not null)
        {
            var meta = new StringContent(metadata, Encoding.UTF8, "application/json");
            meta.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"metadata\"" };
            content.Add(meta);
        }

        return content;
    }
}
