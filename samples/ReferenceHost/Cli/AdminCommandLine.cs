using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Archiving;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Storage.EfCore;
using ReferenceHost.Bootstrap;

namespace ReferenceHost.Cli;

/// <summary>
/// <c>admin &lt;command&gt; [--option value ...]</c>: the same binary and configuration as the server, so
/// <c>--ConnectionStrings:Verification=...</c> points both at one database. Each command prints one JSON
/// object on stdout and exits 0, or a problem on stderr and exits 1.
/// </summary>
internal static class AdminCommandLine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length < 2)
        {
            return Fail(stderr, "cli.usage", "Usage: admin <migrate|create-analyst|create-service-user|mint-token|revoke-token|disable-token|enable-token|set-webhook|verify-audit|archive|archive-due> [--option value ...]");
        }

        var command = args[1];
        var options = ParseOptions(args.AsSpan(2));
        var builder = HostSetup.CreateBuilder(args);
        // stdout carries the command's JSON only; warnings go to stderr, expected failures are answered as problems.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        await using var app = builder.Build();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var ct = cancellation.Token;

        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var migrator = services.GetRequiredService<VerificationDatabaseMigrator>();
            if (command == "migrate")
            {
                var applied = await migrator.MigrateAsync(ct);
                return Print(stdout, new { applied });
            }

            if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VerificationStorageOptions>>().Value.ApplyMigrationsAtStartup)
            {
                await migrator.MigrateAsync(ct);
            }

            var tenantId = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VerificationOptions>>().Value.DefaultTenantId;
            await BootstrapHostedService.EnsureTenantAsync(services.GetRequiredService<ITenantStore>(), tenantId, TimeProvider.System, ct);

            switch (command)
            {
                case "create-analyst":
                {
                    if (!Require(options, stderr, out var missing, "email", "password", "role"))
                    {
                        return missing;
                    }

                    var departments = options.TryGetValue("departments", out var d)
                        ? d.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        : [];
                    var created = await services.GetRequiredService<AnalystManager>()
                        .CreateAsync(tenantId, options["email"], options["password"], options["role"], departments, ct);
                    return created.Match(a => Print(stdout, new { id = a.Id }), f => Fail(stderr, f));
                }

                case "verify-audit":
                {
                    var result = await services.GetRequiredService<Verification.Core.Audit.AuditTrail>().VerifyAsync(ct);
                    Print(stdout, result.Ok
                        ? new { ok = true, entries = result.Entries }
                        : (object)new { ok = false, entries = result.Entries, brokenAt = result.BrokenSequence, reason = result.Reason });
                    return result.Ok ? 0 : 1;
                }

                case "create-service-user":
                {
                    if (!Require(options, stderr, out var missing, "name", "source-system"))
                    {
                        return missing;
                    }

                    var created = await services.GetRequiredService<ServiceTokenManager>()
                        .CreateServiceUserAsync(tenantId, options["name"], options["source-system"], "cli", ct);
                    return created.Match(u => Print(stdout, new { id = u.Id, name = u.Name, sourceSystem = u.SourceSystem }), f => Fail(stderr, f));
                }

                case "mint-token":
                {
                    if (!Require(options, stderr, out var missing, "service-user", "scopes"))
                    {
                        return missing;
                    }

                    var scopes = Scopes.Parse(options["scopes"]);
                    var archive = DurationText.ParseOptional(options.GetValueOrDefault("archive-after-extract"), KeyErrors.TokenInvalidArchiveDelay);
                    var expires = DurationText.ParseOptional(options.GetValueOrDefault("expires"), KeyErrors.TokenInvalidExpiry);
                    var problem = scopes.Failure ?? archive.Failure ?? expires.Failure;
                    if (problem is not null)
                    {
                        return Fail(stderr, problem);
                    }

                    string? encryptionKey = null;
                    if (options.TryGetValue("encryption-key", out var keyPath))
                    {
                        // A public key file: a JWK (JSON) or a PEM PUBLIC KEY; validated by the manager.
                        var keyFile = new FileInfo(keyPath);
                        if (!keyFile.Exists || keyFile.Length > IntegratorEncryptionKey.MaxLength * 2)
                        {
                            return Fail(stderr, IntegratorEncryptionKey.InvalidKeyCode, "--encryption-key names a readable JWK or PEM public key file.");
                        }

                        encryptionKey = await File.ReadAllTextAsync(keyFile.FullName, ct);
                    }

                    var minted = await services.GetRequiredService<ServiceTokenManager>().MintTokenAsync(tenantId, new MintTokenRequest
                    {
                        ServiceUser = options["service-user"],
                        Scopes = [.. scopes.Value],
                        Description = options.GetValueOrDefault("description"),
                        ArchiveAfterExtract = archive.Value,
                        ExpiresIn = expires.Value,
                        CreatedBy = "cli",
                        EncryptionKey = encryptionKey,
                    }, ct);
                    return minted.Match(t => Print(stdout, new { tokenId = t.TokenId, token = t.Token }), f => Fail(stderr, f));
                }

                case "revoke-token" or "disable-token" or "enable-token":
                {
                    if (!Require(options, stderr, out var missing, "token-id"))
                    {
                        return missing;
                    }

                    var manager = services.GetRequiredService<ServiceTokenManager>();
                    var tokenId = options["token-id"];
                    var changed = command switch
                    {
                        "revoke-token" => await manager.RevokeTokenAsync(tenantId, tokenId, ct),
                        "disable-token" => await manager.DisableTokenAsync(tenantId, tokenId, ct),
                        _ => await manager.EnableTokenAsync(tenantId, tokenId, ct),
                    };
                    return changed.Match(t => Print(stdout, new { tokenId = t.Id, enabled = t.Enabled, revoked = t.RevokedAt is not null }), f => Fail(stderr, f));
                }

                case "set-webhook":
                {
                    if (!Require(options, stderr, out var missing, "url"))
                    {
                        return missing;
                    }

                    var added = await services.GetRequiredService<Verification.Core.Webhooks.WebhookEndpointManager>()
                        .AddAsync(tenantId, options["url"], null, ct);
                    return added.Match(e => Print(stdout, new { endpointId = e.Endpoint.Id, secret = e.Secret }), f => Fail(stderr, f));
                }

                case "archive":
                {
                    if (!Require(options, stderr, out var missing, "verification"))
                    {
                        return missing;
                    }

                    var archived = await services.GetRequiredService<VerificationArchiver>()
                        .ArchiveAsync(tenantId, options["verification"], ArchiveActor.System, ArchiveReasons.OnDemand, ct);
                    return archived.Match(f => Print(stdout, new { verificationId = f.VerificationId, archivedAt = f.ArchivedAt }), f => Fail(stderr, f));
                }

                case "archive-due":
                {
                    // One sweep now, as the host's background sweeper would do it: for cron-driven deployments.
                    var count = await services.GetRequiredService<VerificationArchiver>().SweepAsync(ct);
                    return Print(stdout, new { archived = count });
                }

                default:
                    return Fail(stderr, "cli.unknown_command", $"Unknown command '{command}'.");
            }
        }
        catch (OperationCanceledException)
        {
            return Fail(stderr, "cli.cancelled", "Cancelled.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // Configuration and database problems: say what failed, without a stack trace.
            return Fail(stderr, "cli.failed", ex.Message);
        }
    }

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Contains(':', StringComparison.Ordinal) || arg.Contains('=', StringComparison.Ordinal))
            {
                continue; // configuration overrides such as --ConnectionStrings:Verification=... are the host's
            }

            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options[arg[2..]] = value;
        }

        return options;
    }

    private static bool Require(Dictionary<string, string> options, TextWriter stderr, out int exitCode, params string[] names)
    {
        var missing = names.Where(n => !options.ContainsKey(n)).ToList();
        exitCode = missing.Count == 0 ? 0 : Fail(stderr, "cli.missing_option", "Missing option(s): " + string.Join(", ", missing.Select(m => "--" + m)));
        return missing.Count == 0;
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
