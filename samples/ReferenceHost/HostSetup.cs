using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using ReferenceHost.Accounts;
using ReferenceHost.BackOffice;
using ReferenceHost.Bootstrap;
using Verification.Core;
using Verification.Storage.EfCore;

namespace ReferenceHost;

/// <summary>Builds the reference host: the same services for the server and for the command line.</summary>
internal static class HostSetup
{
    /// <summary>The back office's cookie: Identity's application scheme, so <c>SignInManager</c> signs analysts in with it.</summary>
    public static readonly string BackOfficeScheme = IdentityConstants.ApplicationScheme;

    /// <summary>Whether configuration names PostgreSQL (<c>Verification:Storage:Provider</c>); SQLite otherwise.</summary>
    public static bool UsesPostgreSql(IConfiguration configuration) =>
        string.Equals(configuration["Verification:Storage:Provider"], nameof(VerificationStorageProvider.PostgreSql), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The storage provider configuration names: the host carries both provider packages and lets configuration
    /// choose; an application embedding the library references only the one it uses.
    /// </summary>
    public static VerificationBuilder UseConfiguredStorage(this VerificationBuilder verification, IConfiguration configuration) =>
        UsesPostgreSql(configuration) ? verification.UsePostgreSql() : verification.UseSqlite();

    /// <summary>Creates the builder with every service registered.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The content root is the application's folder, not the working directory: started from anywhere, the host
        // reads its appsettings.json, serves its wwwroot and keeps its data and keys in its own data folder.
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = explicitRoot ? null : AppLocation.ContentRoot(),
        });
        builder.Configuration.AddInMemoryCollection(AppLocation.AbsolutePaths(builder.Configuration, builder.Environment.ContentRootPath));

        // Request lines carry query strings (a searched name, a refused access_token) and raw paths (a %0d%0a
        // forges a log line): whatever the configured levels, the hosting and static-file request logs stay off.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore.HttpLogging", LogLevel.None);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");
        var services = builder.Services;

        services.AddVerification()
            .UseConfiguredStorage(builder.Configuration)
            .UseTesseractReader()
            .UsePaddleOcrReader()
            .UseFaceComparer()
            .AddWebhookDelivery()
            .AddArchiveSweeper()
            .AddAspNetCore();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Verification.Core.ServiceAccounts.TokenSigningOptions>, TokenKeyFile>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Verification.Core.Protection.ProtectionOptions>, MasterKeyFile>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Verification.Core.Certificates.CertificateOptions>, CertificateKeyFile>();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);

        // The back office's upload form: ASP.NET Core spools a form file over MemoryBufferThreshold (64 KiB by default)
        // to a temporary file, in clear. Keep every file within the API's file limit in memory instead.
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<VerificationOptions>>((form, verification) =>
                form.MemoryBufferThreshold = (int)Math.Min(int.MaxValue, verification.Value.Limits.MaxFileBytes + (64 * 1024)));
        // The back office's accounts on ASP.NET Core Identity; their migrations and the import of the
        // library's old accounts run before the library's migrations (whatever the order here), then the bootstrap.
        services.AddAnalystAccounts(builder.Configuration);
        services.AddHostedService<BootstrapHostedService>();

        builder.AddHostTelemetry();
        services.AddHealthChecks().AddVerificationDatabase().AddCheck<AccountsDatabaseHealthCheck>("accounts-database", tags: ["ready"]).AddCheck<DocumentReaderHealthCheck>("document-reader", tags: ["ready"]);
        services.AddOpenApi();

        // Cookie and anti-forgery keys survive restarts and are shared by hosts that share the data folder.
        services.AddDataProtection()
            .SetApplicationName("Verification")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["Verification:DataProtection:KeysPath"] ?? "data/keys"));

        // Identity's cookies: the application cookie is the back office's session; the others exist because Identity's
        // SignInManager signs out of them too when a session is rejected (none is ever issued here).
        services.AddAuthentication(BackOfficeScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.Cookie.Name = "verification.backoffice";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/backoffice/login";
                options.LogoutPath = "/backoffice/logout";
                options.AccessDeniedPath = "/backoffice/login";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                // Identity's security-stamp check, at most every Verification:BackOffice:SessionCheckInterval.
                options.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            }));
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "verification.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/BackOffice/Pages";
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
        });
        return builder;
    }

    /// <summary>Builds the application with its pipeline and routes.</summary>
    public static WebApplication Build(string[] args)
    {
        var app = CreateBuilder(args).Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            // Descriptions name versions and causes (the Tesseract version, a database error): only a signed-in
            // analyst reads them; an anonymous orchestrator gets the statuses.
            ResponseWriter = static (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = context.User.Identity?.IsAuthenticated == true ? e.Value.Description : null,
                }),
            }),
        });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Verification API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "Verification API";
        });

        app.MapVerificationApi();
        app.MapHostTelemetry();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/backoffice")).ExcludeFromDescription();

        // The dashboard is /backoffice; /backoffice/dashboard is where people (and bookmarks) look for it. Behind the
        // sign-in like everything under /backoffice, so an anonymous visitor gets the login page, then the dashboard.
        app.MapGet("/backoffice/dashboard", () => Results.Redirect("/backoffice"))
            .RequireAuthorization()
            .ExcludeFromDescription();

        // Everything under /backoffice but the login page needs a signed-in analyst, including pages that
        // do not exist: an anonymous visitor learns nothing about which ones do.
        app.MapFallback("/backoffice/{**path}", () => Results.NotFound())
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
