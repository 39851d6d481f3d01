using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verification.Storage.EfCore;

namespace ReferenceHost.Accounts;

/// <summary>Registers the back office's accounts on ASP.NET Core Identity.</summary>
internal static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations of new password hashes when <c>Verification:PasswordIterations</c> is not set
    /// (OWASP's 2023 figure for SHA-512 is 210,000; the library's hashes used 600,000 of SHA-256).
    /// </summary>
    public const int DefaultPasswordIterations = 210_000;

    /// <summary>Identity, its stores on <see cref="AccountsDbContext"/>, the account migrations and <see cref="AnalystAccounts"/>.</summary>
    public static IServiceCollection AddAnalystAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAccountsDatabase();
        services.AddIdentityCore<AnalystAccount>(options =>
            {
                // The rule of the API's contract (analyst.weak_password): a length, no composition rules.
                options.Password.RequiredLength = AnalystAccounts.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                // The user name is the e-mail, which may hold any letter (élodie.dupré@...).
                options.User.AllowedUserNameCharacters = string.Empty;
                // A disabled account is not "confirmed" (EnabledAccountConfirmation), so Identity refuses its sign-in.
                options.SignIn.RequireConfirmedAccount = true;
                // Failed sign-ins are throttled per e-mail and per address before Identity is asked (AnalystAccounts).
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AnalystClaimsFactory>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AnalystAccount>, LegacyAwarePasswordHasher>());
        services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<AnalystAccount>, EnabledAccountConfirmation>());
        services.AddOptions<PasswordHasherOptions>()
            .Configure(options =>
            {
                // Verification:PasswordIterations sets the PBKDF2 iterations of Identity's hashes (PBKDF2-HMAC-SHA512);
                // tests lower it to keep sign-ins fast.
                options.IterationCount = configuration.GetValue("Verification:PasswordIterations", DefaultPasswordIterations);
            })
            .Validate(options => options.IterationCount >= 100_000, "Verification:PasswordIterations must be at least 100000.")
            .ValidateOnStart();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignInThrottleOptions>, SignInThrottleOptionsValidator>());
        services.TryAddSingleton<SignInThrottle>();
        services.TryAddScoped<ISecurityStampValidator, SecurityStampValidator<AnalystAccount>>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((options, time) =>
        {
            options.ValidationInterval = SessionCheckInterval(configuration);
            options.TimeProvider = time;
        });
        services.TryAddScoped<AnalystAccounts>();
        // Before every other hosted service, the library's migrations among them (whatever the registration order):
        // the library's DropAnalysts migration deletes the table the import reads.
        var firstHostedService = services.ToList().FindIndex(d => d.ServiceType == typeof(IHostedService));
        services.Insert(firstHostedService < 0 ? services.Count : firstHostedService, ServiceDescriptor.Singleton<IHostedService, AccountsMigrationHostedService>());
        return services;
    }

    /// <summary>
    /// How often a session is checked against its account (<c>Verification:BackOffice:SessionCheckInterval</c>, at most and
    /// by default one minute): a sign-out, a new role or departments, a disabled account or a changed password change the
    /// security stamp, which ends the sessions signed in before.
    /// </summary>
    public static TimeSpan SessionCheckInterval(IConfiguration configuration) =>
        TimeSpan.TryParse(configuration["Verification:BackOffice:SessionCheckInterval"], System.Globalization.CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.Zero && interval <= TimeSpan.FromMinutes(1)
            ? interval
            : TimeSpan.FromMinutes(1);
}

/// <summary>Applies the account migrations and the one-time import at start, before the library's migrations.</summary>
internal sealed class AccountsMigrationHostedService(IServiceScopeFactory scopes, IOptions<VerificationStorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrationsAtStartup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountsMigrator>().MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
