using MinimalEmbedding;
using Verification.Core.ServiceAccounts;
using Verification.Core.Webhooks;

var builder = WebApplication.CreateBuilder(args);

// The app's own authentication: its users call with their API key (see ApiKeyAuthentication.cs).
builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<ApiKeyOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

// Verification in SQLite, behind the app's users: each one submits and reads documents as itself.
builder.Services.AddVerification()
    .UseSqlite(storage => storage.ConnectionString = builder.Configuration.GetConnectionString("Kyc"))
    .UseHostAuthentication(ApiKeyAuthentication.SchemeName, user => new ServiceTokenPrincipal(
        tenantId: "default", serviceUserId: user.Identity!.Name!, serviceUserName: user.Identity.Name!, sourceSystem: "minimal-embedding",
        tokenId: "app-user:" + user.Identity.Name, scopes: [Scopes.DocumentsSubmit, Scopes.ReadAttributes], archiveAfterExtract: null, expiresAt: null));
builder.Services.AddSingleton(TimeProvider.System).AddSingleton<WebhookVerifier>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapVerificationApi("/kyc");

// Decisions arrive signed (Standard Webhooks); refuse anything the shared secret did not sign, within 5 minutes.
app.MapPost("/hooks/verification", async (HttpRequest request, WebhookVerifier verifier, IConfiguration config, CancellationToken ct) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, ct);
    using var secret = WebhookSecret.Parse(config["Webhooks:Secret"]).Value;
    var verified = verifier.Verify(request.Headers[WebhookHeaderNames.Id], request.Headers[WebhookHeaderNames.Timestamp], request.Headers[WebhookHeaderNames.Signature], body.ToArray(), secret);
    return verified.IsSuccess ? Results.NoContent() : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: verified.Failure!.Code);
}).AllowAnonymous();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
