using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReferenceHost.Accounts;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Core.Tenants;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// On start: makes sure the default tenant exists; on an empty database generates a first admin account,
/// writes its password to a file readable by the owner only (in the keys folder) and shows it on the terminal
/// when one is attached (a redirected output is a log that is kept and shipped); seeds demo data when asked.
/// Runs after the migrations and the import of the library's accounts (registered after them).
/// </summary>
internal sealed partial class BootstrapHostedService(
    IServiceScopeFactory scopes,
    IOptions<VerificationOptions> options,
    IOptions<DemoOptions> demo,
    IConfiguration configuration,
    TimeProvider timeProvider,
    ILogger<BootstrapHostedService> logger) : IHostedService
{
    public const string FirstAdminEmail = "admin@verification.local";

    /// <summary>The file in the keys folder the first admin password is written to.</summary>
    public const string FirstAdminPasswordFile = "first-admin-password.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenantId = options.Value.DefaultTenantId;
        await EnsureTenantAsync(services.GetRequiredService<ITenantStore>(), tenantId, timeProvider, cancellationToken);

        var accounts = services.GetRequiredService<AnalystAccounts>();
        if (!await accounts.AnyAsync(tenantId, cancellationToken))
        {
            var password = GeneratePassword();
            var created = await accounts.CreateAsync(tenantId, FirstAdminEmail, password, AnalystRoles.Admin, null, cancellationToken);
            if (created.IsSuccess)
            {
                var file = Path.Combine(KeyFiles.Folder(configuration), FirstAdminPasswordFile);
                WriteOwnerOnly(file, $"e-mail: {FirstAdminEmail}\npassword: {password}\n");
                Console.WriteLine();
                Console.WriteLine("  First admin account created:");
                Console.WriteLine($"    e-mail:   {FirstAdminEmail}");
                if (!Console.IsOutputRedirected)
                {
                    // A terminal, not a log: shown once, on purpose not through ILogger.
                    Console.WriteLine($"    password: {password}");
                }

                Console.WriteLine($"    the password is in {file} (readable by this account only); delete the file once you have signed in.");
                Console.WriteLine("  Sign in at /backoffice/login and create named accounts with 'admin create-analyst'.");
                Console.WriteLine();
                LogFirstAdmin(logger, created.Value.Id);
            }
        }

        if (demo.Value.Seed)
        {
            try
            {
                var seeded = await new DemoData(scopes, demo.Value, timeProvider, services.GetRequiredService<ILogger<DemoData>>())
                    .SeedIfEmptyAsync(tenantId, demo.Value.Verifications, cancellationToken);
                if (seeded > 0)
                {
                    LogSeeded(logger, seeded);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Demo data is a convenience: whatever goes wrong with it, the host starts.
                LogSeedFailed(logger, e);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Creates the tenant if it is missing; a concurrent creation by another host is fine.</summary>
    public static async Task EnsureTenantAsync(ITenantStore tenants, string tenantId, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (await tenants.FindByIdAsync(tenantId, cancellationToken) is null)
        {
            await tenants.CreateAsync(new Tenant { Id = tenantId, Name = tenantId, CreatedAt = timeProvider.GetUtcNow() }, cancellationToken);
        }
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies to a new file only; an old file of the same name is narrowed too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Generated the first admin account {AnalystId}; its password is in the keys folder, readable by the owner only")]
    private static partial void LogFirstAdmin(ILogger logger, string analystId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Seeded {Count} demo verifications")]
    private static partial void LogSeeded(ILogger logger, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "The demo data could not be seeded; the host starts without it")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
