using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Archiving;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Storage.EfCore;
using ReferenceHost.Accounts;
using ReferenceHost.Bootstrap;

namespace ReferenceHost.Cli;

/// <summary>
/// <c>admin &lt;command&gt; [--option value ...]</c> on System.CommandLine: the same binary and configuration as
/// the server, so <c>--ConnectionStrings:Verification=...</c> points both at one database. Each command prints
/// one JSON object on stdout and exits 0, or a problem on stderr and exits 1; <c>--help</c> prints the usage
/// on stdout and exits 0 (docs/api.md, "Reference host command line").
/// </summary>
internal static class AdminCommandLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The host's own command-line settings (WebApplication's), which are configuration like --Section:Key.
    private static readonly HashSet<string> HostSwitches = new(StringComparer.OrdinalIgnoreCase) { "contentRoot", "environment", "applicationName", "urls" };

    /// <summary>Runs <paramref name="args"/> (<c>admin ...</c> followed by commands, options and configuration overrides).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var (commandArgs, configurationArgs) = SplitConfiguration(args.AsSpan(args.Length > 0 && args[0] == "admin" ? 1 : 0));
        var root = BuildCommands(configurationArgs, stdout, stderr);
        // No @response files: an option value starting with '@' is a value, not a file to read.
        var parsed = root.Parse(commandArgs, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is not System.CommandLine.Help.HelpAction && parsed.Errors.Count > 0)
        {
            var (code, detail) = Describe(parsed);
            return Fail(stderr, code, detail);
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(invocation, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            return Fail(stderr, CliErrors.Cancelled, "Cancelled.");
        }
    }

    /// <summary>The commands, their options and what each prints; configuration overrides go to the host.</summary>
    internal static RootCommand BuildCommands(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "The reference host's command line: the same binary, configuration and database as the server. " +
            "Configuration overrides such as --ConnectionStrings:Verification=... may follow any command. " +
            "Exit codes: 0 success (one JSON object on stdout), 1 failure (a problem with a stable code on stderr).");

        var migrate = new Command("migrate", "Applies the pending database migrations; prints {\"applied\": [...]}.");
        migrate.SetAction((_, ct) => WithServicesAsync(configurationArgs, stderr, migrate: false, async (services, _, token) =>
        {
            // The host's account migrations and the one-time import of the library's accounts, then the library's
            // migrations (which drop the library's old accounts table): listed in the order they ran.
            var accounts = await services.GetRequiredService<AccountsMigrator>().MigrateAsync(token);
            var applied = await services.GetRequiredService<VerificationDatabaseMigrator>().MigrateAsync(token);
            return Print(stdout, new { applied = accounts.Concat(applied).ToList() });
        }, ct));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(CreateAnalyst(configurationArgs, stdout, stderr));
        root.Subcommands.Add(CreateServiceUser(configurationArgs, stdout, stderr));
        root.Subcommands.Add(MintToken(configurationArgs, stdout, stderr));
        foreach (var (name, description) in new[]
        {
            ("revoke-token", "Revokes a token for good"),
            ("disable-token", "Disables a token until it is enabled again"),
            ("enable-token", "Enables a disabled token (not a revoked one)"),
        })
        {
            root.Subcommands.Add(ChangeToken(name, description, configurationArgs, stdout, stderr));
        }

        root.Subcommands.Add(SetWebhook(configurationArgs, stdout, stderr));

        var verifyAudit = new Command("verify-audit", "Checks the audit trail's hash chain; prints {\"ok\": true, \"entries\": N}, or \"ok\": false with the first broken entry and exits 1.");
        verifyAudit.SetAction((_, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, _, token) =>
        {
            var result = await services.GetRequiredService<Verification.Core.Audit.AuditTrail>().VerifyAsync(token);
            Print(stdout, result.Ok
                ? result.CheckpointSequence is { } from ? new { ok = true, entries = result.Entries, checkpoint = from } : new { ok = true, entries = result.Entries }
                : (object)new { ok = false, entries = result.Entries, brokenAt = result.BrokenSequence, reason = result.Reason });
            return result.Ok ? 0 : 1;
        }, ct));
        root.Subcommands.Add(verifyAudit);

        root.Subcommands.Add(Archive(configurationArgs, stdout, stderr));

        var archiveDue = new Command("archive-due", "Runs one archive sweep now, as the host's background sweeper would (for cron); prints {\"archived\": N}.");
        archiveDue.SetAction((_, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, _, token) =>
            Print(stdout, new { archived = await services.GetRequiredService<VerificationArchiver>().SweepAsync(token) }), ct));
        root.Subcommands.Add(archiveDue);
        root.Subcommands.Add(Rewrap(configurationArgs, stdout, stderr));
        root.Subcommands.Add(PruneAudit(configurationArgs, stdout, stderr));
        return root;
    }

    private static Command Rewrap(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var after = Optional("--after", "Resume an interrupted run after this cursor (printed on stderr as it goes).");
        var batchSize = new Option<int>("--batch-size") { Description = "Verifications re-wrapped per batch, 1 to 5000 (default 200).", DefaultValueFactory = _ => 200 };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 5000)
            {
                result.AddError("--batch-size is a number from 1 to 5000.");
            }
        });
        var command = new Command(
            "rewrap",
            "Re-wraps every data key, webhook secret and key file under the current master key (safe while hosts run; rerun or --after to resume); " +
            "prints {\"currentMasterKey\", \"dataKeys\", \"webhookSecrets\", \"keyFiles\", \"remaining\", \"cursor\"}. The old key can go when remaining is 0.")
        {
            after, batchSize,
        };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, _, token) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var protector = services.GetRequiredService<Verification.Core.Protection.VerificationProtector>();
            var keyFiles = 0;
            keyFiles += KeyFiles.Rewrap(TokenKeyFile.PathOf(configuration), TokenKeyFile.Purpose, protector) ? 1 : 0;
            keyFiles += KeyFiles.Rewrap(CertificateKeyFile.PathOf(configuration), CertificateKeyFile.Purpose, protector) ? 1 : 0;
            // Progress lines go to stderr: stdout keeps the one JSON answer.
            var progress = new SynchronousProgress<Verification.Core.Protection.RewrapProgress>(p => stderr.WriteLine(
                $"rewrap: {p.DataKeysScanned} verifications scanned, {p.DataKeysRewrapped} data keys re-wrapped, {p.SecretsScanned} webhook endpoints scanned, {p.SecretsRewrapped} re-wrapped; resume with --after {p.Cursor}"));
            var result = await services.GetRequiredService<Verification.Core.Protection.MasterKeyRewrapper>()
                .RunAsync(new Verification.Core.Protection.RewrapRequest { After = parsed.GetValue(after), BatchSize = parsed.GetValue(batchSize) }, progress, token);
            return Print(stdout, new
            {
                currentMasterKey = result.CurrentMasterKey,
                dataKeys = new { scanned = result.Progress.DataKeysScanned, rewrapped = result.Progress.DataKeysRewrapped },
                webhookSecrets = new { scanned = result.Progress.SecretsScanned, rewrapped = result.Progress.SecretsRewrapped },
                keyFiles,
                remaining = result.Remaining,
                cursor = result.Progress.Cursor,
            });
        }, ct));
        return command;
    }

    private static Command PruneAudit(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var olderThan = new Option<int>("--older-than-days") { Description = "Delete the audit entries older than this many days (at least 1).", Required = true };
        olderThan.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--older-than-days is a whole number of days, at least 1.");
            }
        });
        var command = new Command(
            "prune-audit",
            "Deletes the oldest audit entries and leaves a signed checkpoint at the cut, from which verify-audit checks the rest (export first to keep them); " +
            "prints {\"pruned\": N, \"checkpoint\": {...}}.")
        {
            olderThan,
        };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, _, token) =>
        {
            var checkpoint = await services.GetRequiredService<Verification.Core.Audit.AuditTrail>().PruneAsync(DateTimeOffset.UtcNow.AddDays(-parsed.GetValue(olderThan)), token);
            return Print(stdout, new
            {
                pruned = checkpoint?.PrunedEntries ?? 0,
                checkpoint = checkpoint is null ? null : new { sequence = checkpoint.Sequence, hash = checkpoint.Hash, keyId = checkpoint.KeyId, createdAt = checkpoint.CreatedAt },
            });
        }, ct));
        return command;
    }

    private static Command CreateAnalyst(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var email = Required("--email", "The analyst's e-mail address, used to sign in.");
        var password = Required("--password", "The analyst's password (at least 12 characters).");
        var role = Required("--role", "analyst or admin.");
        var departments = Optional("--departments", "Comma-separated departments whose files the analyst sees (default: all).");
        var command = new Command("create-analyst", "Creates a back-office account; prints {\"id\": \"...\"}.") { email, password, role, departments };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var list = parsed.GetValue(departments)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var created = await services.GetRequiredService<AnalystAccounts>()
                .CreateAsync(tenantId, parsed.GetRequiredValue(email), parsed.GetRequiredValue(password), parsed.GetRequiredValue(role), list, token);
            return created.Match(a => Print(stdout, new { id = a.Id }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    private static Command CreateServiceUser(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var name = Required("--name", "The integrator system's name (1 to 64 of A-Z a-z 0-9 . _ -).");
        var sourceSystem = Required("--source-system", "The source system its documents are tagged with (same characters).");
        var command = new Command("create-service-user", "Creates a service user for an integrator system; prints {\"id\", \"name\", \"sourceSystem\"}.") { name, sourceSystem };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var created = await services.GetRequiredService<ServiceTokenManager>()
                .CreateServiceUserAsync(tenantId, parsed.GetRequiredValue(name), parsed.GetRequiredValue(sourceSystem), "cli", token);
            return created.Match(u => Print(stdout, new { id = u.Id, name = u.Name, sourceSystem = u.SourceSystem }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    private static Command MintToken(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var serviceUser = Required("--service-user", "The service user, by id or name.");
        var scopeList = Required("--scopes", "Comma-separated scopes, e.g. documents:submit,verifications:read:attributes.");
        var description = Optional("--description", "What the token is for (shown in the back office).");
        var archiveAfter = Optional("--archive-after-extract", "Archive a verification this long after the token first reads its attributes or pictures (d.hh:mm:ss, e.g. 00:10:00).");
        var expires = Optional("--expires", "The token expires after this duration (d.hh:mm:ss, e.g. 30.00:00:00).");
        var encryptionKey = Optional("--encryption-key", "A JWK or PEM public key file: the token reads personal data only encrypted to it (JWE).");
        var command = new Command("mint-token", "Mints a token for a service user (shown once); prints {\"tokenId\", \"token\"}.")
        {
            serviceUser, scopeList, description, archiveAfter, expires, encryptionKey,
        };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var scopes = Scopes.Parse(parsed.GetRequiredValue(scopeList));
            var archive = DurationText.ParseOptional(parsed.GetValue(archiveAfter), KeyErrors.TokenInvalidArchiveDelay);
            var expiry = DurationText.ParseOptional(parsed.GetValue(expires), KeyErrors.TokenInvalidExpiry);
            var problem = scopes.Failure ?? archive.Failure ?? expiry.Failure;
            if (problem is not null)
            {
                return Fail(stderr, problem);
            }

            string? key = null;
            if (parsed.GetValue(encryptionKey) is { } keyPath)
            {
                // A public key file: a JWK (JSON) or a PEM PUBLIC KEY; validated by the manager.
                var keyFile = new FileInfo(keyPath);
                if (!keyFile.Exists || keyFile.Length > IntegratorEncryptionKey.MaxLength * 2)
                {
                    return Fail(stderr, IntegratorEncryptionKey.InvalidKeyCode, "--encryption-key names a readable JWK or PEM public key file.");
                }

                key = await File.ReadAllTextAsync(keyFile.FullName, token);
            }

            var minted = await services.GetRequiredService<ServiceTokenManager>().MintTokenAsync(tenantId, new MintTokenRequest
            {
                ServiceUser = parsed.GetRequiredValue(serviceUser),
                Scopes = [.. scopes.Value],
                Description = parsed.GetValue(description),
                ArchiveAfterExtract = archive.Value,
                ExpiresIn = expiry.Value,
                CreatedBy = "cli",
                EncryptionKey = key,
            }, token);
            return minted.Match(t => Print(stdout, new { tokenId = t.TokenId, token = t.Token }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    private static Command ChangeToken(string name, string description, string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var tokenId = Required("--token-id", "The token's id (tokenId printed by mint-token).");
        var command = new Command(name, description + "; prints {\"tokenId\", \"enabled\", \"revoked\"}.") { tokenId };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var manager = services.GetRequiredService<ServiceTokenManager>();
            var id = parsed.GetRequiredValue(tokenId);
            var changed = name switch
            {
                "revoke-token" => await manager.RevokeTokenAsync(tenantId, id, token),
                "disable-token" => await manager.DisableTokenAsync(tenantId, id, token),
                _ => await manager.EnableTokenAsync(tenantId, id, token),
            };
            return changed.Match(t => Print(stdout, new { tokenId = t.Id, enabled = t.Enabled, revoked = t.RevokedAt is not null }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    private static Command SetWebhook(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var url = Required("--url", "The HTTPS address the host POSTs decisions to.");
        var command = new Command("set-webhook", "Adds a webhook endpoint; prints {\"endpointId\", \"secret\"} (the secret is shown once).") { url };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var added = await services.GetRequiredService<Verification.Core.Webhooks.WebhookEndpointManager>()
                .AddAsync(tenantId, parsed.GetRequiredValue(url), null, token);
            return added.Match(e => Print(stdout, new { endpointId = e.Endpoint.Id, secret = e.Secret }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    private static Command Archive(string[] configurationArgs, TextWriter stdout, TextWriter stderr)
    {
        var verification = Required("--verification", "The verification id (or correlation id) to archive.");
        var command = new Command("archive", "Archives a verification now: erases its personal data and destroys its data key; prints {\"verificationId\", \"archivedAt\"}.") { verification };
        command.SetAction((parsed, ct) => WithServicesAsync(configurationArgs, stderr, migrate: true, async (services, tenantId, token) =>
        {
            var archived = await services.GetRequiredService<VerificationArchiver>()
                .ArchiveAsync(tenantId, parsed.GetRequiredValue(verification), ArchiveActor.System, ArchiveReasons.OnDemand, token);
            return archived.Match(f => Print(stdout, new { verificationId = f.VerificationId, archivedAt = f.ArchivedAt }), f => Fail(stderr, f));
        }, ct));
        return command;
    }

    /// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    private static Option<string> Optional(string name, string description) => new(name) { Description = description };

    /// <summary>Builds the host on the command's configuration, migrates when configured, and runs <paramref name="run"/>.</summary>
    private static async Task<int> WithServicesAsync(
        string[] configurationArgs,
        TextWriter stderr,
        bool migrate,
        Func<IServiceProvider, string, CancellationToken, Task<int>> run,
        CancellationToken ct)
    {
        var builder = HostSetup.CreateBuilder(configurationArgs);
        // stdout carries the command's JSON only; warnings go to stderr, expected failures are answered as problems.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        try
        {
            await using var app = builder.Build();
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (!migrate)
            {
                return await run(services, string.Empty, ct);
            }

            if (services.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.ApplyMigrationsAtStartup)
            {
                await services.GetRequiredService<AccountsMigrator>().MigrateAsync(ct);
                await services.GetRequiredService<VerificationDatabaseMigrator>().MigrateAsync(ct);
            }

            var tenantId = services.GetRequiredService<IOptions<VerificationOptions>>().Value.DefaultTenantId;
            await BootstrapHostedService.EnsureTenantAsync(services.GetRequiredService<ITenantStore>(), tenantId, TimeProvider.System, ct);
            return await run(services, tenantId, ct);
        }
        catch (OperationCanceledException)
        {
            return Fail(stderr, CliErrors.Cancelled, "Cancelled.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or OptionsValidationException)
        {
            // Configuration and database problems: say what failed, without a stack trace.
            return Fail(stderr, CliErrors.Failed, ex.Message);
        }
    }

    /// <summary>
    /// Separates configuration overrides (<c>--Section:Key=value</c> or <c>--Section:Key value</c>, and the host's
    /// <c>--contentRoot</c>, <c>--environment</c>, <c>--applicationName</c>, <c>--urls</c>) from the command and its options.
    /// </summary>
    internal static (string[] Command, string[] Configuration) SplitConfiguration(ReadOnlySpan<string> args)
    {
        var command = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (arg.StartsWith("--", StringComparison.Ordinal) && (name.Contains(':', StringComparison.Ordinal) || HostSwitches.Contains(name[2..])))
            {
                configuration.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    configuration.Add(args[++i]);
                }
            }
            else
            {
                command.Add(arg);
            }
        }

        return ([.. command], [.. configuration]);
    }

    /// <summary>A parse error as a stable code and a message that names the command or option at fault.</summary>
    private static (string Code, string Detail) Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var messages = string.Join(" ", parsed.Errors.Select(e => e.Message));
        if (command is RootCommand)
        {
            return parsed.Tokens.Count == 0
                ? (CliErrors.Usage, "A command is required. Commands: " + string.Join(", ", command.Subcommands.Select(c => c.Name)) + "; 'admin --help' describes them.")
                : (CliErrors.UnknownCommand, $"Unknown command '{parsed.Tokens[0].Value}'. {messages} 'admin --help' lists the commands.");
        }

        var missing = command.Options.Where(o => o.Required && parsed.GetResult(o) is null or { IdentifierToken: null }).Select(o => o.Name).ToList();
        return missing.Count > 0
            ? (CliErrors.MissingOption, "Missing option(s): " + string.Join(", ", missing) + $". 'admin {command.Name} --help' describes them.")
            : (CliErrors.InvalidOption, $"{messages} 'admin {command.Name} --help' describes the options.");
    }

    private static int Print(TextWriter stdout, object value)
    {
        stdout.WriteLine(JsonSerializer.Serialize(value, Json));
        return 0;
    }

    private static int Fail(TextWriter stderr, Failure failure) =>
        Fail(stderr, failure.Code, failure.Detail, Verification.AspNetCore.VerificationProblems.StatusCodeOf(failure.Kind));

    private static int Fail(TextWriter stderr, string code, string detail, int status = 400)
    {
        var problem = new ProblemDetails { Type = Verification.AspNetCore.VerificationProblems.TypeBase + code, Title = "The command failed.", Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        stderr.WriteLine(JsonSerializer.Serialize(problem, Json));
        return 1;
    }
}

/// <summary>The command line's own error codes (the others are the library's, listed in docs/api.md).</summary>
internal static class CliErrors
{
    /// <summary>No command was given.</summary>
    public const string Usage = "cli.usage";

    /// <summary>The command is not one of the admin commands.</summary>
    public const string UnknownCommand = "cli.unknown_command";

    /// <summary>A required option is missing; the detail names it.</summary>
    public const string MissingOption = "cli.missing_option";

    /// <summary>An option is unknown or has no value; the detail names it.</summary>
    public const string InvalidOption = "cli.invalid_option";

    /// <summary>The configuration or the database failed (the detail says how).</summary>
    public const string Failed = "cli.failed";

    /// <summary>The command was interrupted.</summary>
    public const string Cancelled = "cli.cancelled";
}
