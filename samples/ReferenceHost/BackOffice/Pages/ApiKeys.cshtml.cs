using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verification.Core;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>
/// API keys (administrators only): service users and their tokens. A minted token is in the answer to the
/// mint request only, never stored in clear, never in a URL; every change is audited.
/// </summary>
public sealed class ApiKeysModel(ServiceTokenManager keys, AuditTrail audit, TimeProvider timeProvider) : PageModel
{
    /// <summary>The scopes offered when minting, with what they allow.</summary>
    public static readonly IReadOnlyList<(string Scope, string Label)> OfferedScopes =
    [
        (Scopes.ReadMetadata, "Read metadata (status, dates, controls; no personal data)"),
        (Scopes.ReadAttributes, "Read attributes (names, dates, numbers, IBAN)"),
        (Scopes.ReadPictures, "Read attributes with pictures (document images)"),
        (Scopes.DocumentsSubmit, "Submit documents (reco/*, ingest)"),
        (Scopes.Review, "Review (approve or reject)"),
        (Scopes.Archive, "Archive on demand"),
    ];

    public IReadOnlyList<ServiceUser> ServiceUserList { get; private set; } = [];

    public IReadOnlyList<ServiceToken> Tokens { get; private set; } = [];

    public MintedToken? Minted { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    [BindProperty]
    public MintForm Mint { get; set; } = new();

    [BindProperty]
    public NewServiceUserForm NewUser { get; set; } = new();

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!User.IsAdmin())
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
    }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateUserAsync(CancellationToken cancellationToken)
    {
        var created = await keys.CreateServiceUserAsync(User.TenantId(), NewUser.Name?.Trim() ?? string.Empty, NewUser.SourceSystem?.Trim() ?? string.Empty, User.Actor(), cancellationToken);
        await RecordAsync("backoffice.service_user_create", created.IsSuccess ? "success" : created.Failure!.Code, "service_user", created.IsSuccess ? created.Value.Id : null, cancellationToken);
        if (!created.TryGetValue(out var user, out var failure))
        {
            Error = Explain(failure);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Notice = $"Service user {user.Name} created.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMintAsync(CancellationToken cancellationToken)
    {
        var failure = Validate(out var expiresIn, out var archiveAfter);
        if (failure is null)
        {
            var minted = await keys.MintTokenAsync(User.TenantId(), new MintTokenRequest
            {
                ServiceUser = Mint.ServiceUserId ?? string.Empty,
                Scopes = Mint.Scopes ?? [],
                Description = string.IsNullOrWhiteSpace(Mint.Description) ? null : Mint.Description.Trim(),
                ExpiresIn = expiresIn,
                ArchiveAfterExtract = archiveAfter,
                CreatedBy = User.Actor(),
                EncryptionKey = string.IsNullOrWhiteSpace(Mint.EncryptionKey) ? null : Mint.EncryptionKey,
            }, cancellationToken);
            await RecordAsync("backoffice.token_mint", minted.IsSuccess ? "success" : minted.Failure!.Code, "token", minted.IsSuccess ? minted.Value.TokenId : null, cancellationToken);
            if (minted.IsSuccess)
            {
                Minted = minted.Value;
                Mint = new MintForm();
                await LoadAsync(cancellationToken);
                return Page();
            }

            failure = Explain(minted.Failure!);
        }

        Error = failure;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string tokenId, CancellationToken cancellationToken) =>
        ChangeAsync("backoffice.token_disable", tokenId, keys.DisableTokenAsync, "disabled", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string tokenId, CancellationToken cancellationToken) =>
        ChangeAsync("backoffice.token_enable", tokenId, keys.EnableTokenAsync, "enabled", cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(string tokenId, CancellationToken cancellationToken) =>
        ChangeAsync("backoffice.token_revoke", tokenId, keys.RevokeTokenAsync, "revoked", cancellationToken);

    public async Task<IActionResult> OnPostServiceUserAsync(string serviceUserId, bool enable, CancellationToken cancellationToken)
    {
        var changed = await keys.SetServiceUserEnabledAsync(User.TenantId(), serviceUserId ?? string.Empty, enable, cancellationToken);
        await RecordAsync(enable ? "backoffice.service_user_enable" : "backoffice.service_user_disable", changed.IsSuccess ? "success" : changed.Failure!.Code, "service_user", serviceUserId, cancellationToken);
        if (!changed.IsSuccess)
        {
            return NotFound();
        }

        Notice = $"Service user {changed.Value.Name} {(enable ? "enabled" : "disabled")}.";
        return RedirectToPage();
    }

    public string ServiceUserName(string id) => ServiceUserList.FirstOrDefault(u => u.Id == id)?.Name ?? id;

    private async Task<IActionResult> ChangeAsync(
        string action, string tokenId, Func<string, string, CancellationToken, ValueTask<Outcome<ServiceToken>>> change, string done, CancellationToken cancellationToken)
    {
        var changed = await change(User.TenantId(), tokenId ?? string.Empty, cancellationToken);
        await RecordAsync(action, changed.IsSuccess ? "success" : changed.Failure!.Code, "token", tokenId, cancellationToken);
        if (!changed.IsSuccess)
        {
            if (changed.Failure!.Kind == FailureKind.NotFound)
            {
                return NotFound();
            }

            Error = Explain(changed.Failure);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        Notice = $"Token {tokenId} {done}.";
        return RedirectToPage();
    }

    private string? Validate(out TimeSpan? expiresIn, out TimeSpan? archiveAfter)
    {
        expiresIn = null;
        archiveAfter = null;
        if (Mint.Scopes is not { Count: > 0 })
        {
            return "Choose at least one scope.";
        }

        if (Mint.ExpiresInDays is { } days)
        {
            if (days < 1 || days > ServiceTokenManager.MaxExpiresIn.TotalDays)
            {
                return $"The expiry is 1 to {ServiceTokenManager.MaxExpiresIn.TotalDays.ToString(CultureInfo.InvariantCulture)} days.";
            }

            expiresIn = TimeSpan.FromDays(days);
        }

        if (Mint.ArchiveAfterExtractHours is { } hours)
        {
            if (hours < 1 || hours > ServiceTokenManager.MaxArchiveAfterExtract.TotalHours)
            {
                return $"The auto-archive delay is 1 to {ServiceTokenManager.MaxArchiveAfterExtract.TotalHours.ToString(CultureInfo.InvariantCulture)} hours.";
            }

            archiveAfter = TimeSpan.FromHours(hours);
        }

        return null;
    }

    private static string Explain(Failure failure) => failure.Code switch
    {
        KeyErrors.ServiceUserNotFound => "Choose an existing service user.",
        _ => failure.Detail,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var users = new List<ServiceUser>();
        await foreach (var user in keys.ListServiceUsersAsync(User.TenantId(), cancellationToken))
        {
            users.Add(user);
        }

        var tokens = new List<ServiceToken>();
        await foreach (var token in keys.ListTokensAsync(User.TenantId(), null, cancellationToken))
        {
            tokens.Add(token);
        }

        ServiceUserList = users;
        Tokens = tokens.OrderByDescending(t => t.CreatedAt).ToList();
    }

    private ValueTask RecordAsync(string action, string outcome, string targetType, string? targetId, CancellationToken cancellationToken) =>
        audit.RecordAsync(HttpContext.AuditEntry(timeProvider.GetUtcNow(), action, outcome, targetType, targetId), cancellationToken);

    /// <summary>The mint form.</summary>
    public sealed class MintForm
    {
        public string? ServiceUserId { get; set; }

        public string? Description { get; set; }

        public List<string>? Scopes { get; set; }

        public int? ExpiresInDays { get; set; }

        public int? ArchiveAfterExtractHours { get; set; }

        /// <summary>The integrator's public key (JWK or PEM), optional.</summary>
        public string? EncryptionKey { get; set; }
    }

    /// <summary>How a token's reads come back: in clear, or encrypted to a key shown by its thumbprint.</summary>
    public static string EncryptionSummary(ServiceToken token) =>
        token.EncryptionKey is null
            ? "—"
            : IntegratorEncryptionKey.Parse(token.EncryptionKey).Match(k => $"{k.Algorithm} to {k.KeyType} key {k.Thumbprint[..12]}…", _ => "invalid key");

    /// <summary>The new service user form.</summary>
    public sealed class NewServiceUserForm
    {
        public string? Name { get; set; }

        public string? SourceSystem { get; set; }
    }
}
