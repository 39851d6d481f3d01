using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReferenceHost.Cli;
using Verification.Core.Audit;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Archiving;

/// <summary>
/// A reference host without demo data, so that the only people in its storage are the test's, and whose background
/// sweeper runs only at start, so that the tests decide when due verifications are archived.
/// </summary>
public sealed class UnseededSqliteHost : ReferenceHostFactory
{
    internal static readonly Dictionary<string, string?> Settings = new()
    {
        ["Verification:Demo:Seed"] = "false",
        ["Verification:Archive:SweepInterval"] = "1.00:00:00",
    };

    protected override IDictionary<string, string?> ExtraSettings => Settings;
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class UnseededPostgreSqlHost : PostgreSqlReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => UnseededSqliteHost.Settings;
}

public sealed class SqliteArchiveProofTests(UnseededSqliteHost host) : ArchiveProofSpecification(host), IClassFixture<UnseededSqliteHost>;

public sealed class PostgreSqlArchiveProofTests(UnseededPostgreSqlHost host) : ArchiveProofSpecification(host), IClassFixture<UnseededPostgreSqlHost>;

/// <summary>
/// The proof the issue asks for: 20 people go in through the API (names, document numbers, IBANs, photos);
/// their values are nowhere in clear in the database files or the blob store even before archiving; after
/// archiving and a checkpoint, neither the values, nor the photos' bytes, nor even the ciphertexts and wrapped
/// keys that protected them are left in the SQLite files (main and WAL), the blob store or a PostgreSQL dump.
/// </summary>
public abstract class ArchiveProofSpecification(ReferenceHostFactory host)
{
    private const int People = 20;

    private sealed record Person(string VerificationId, string LastName, string FirstName, string DocumentNumber, string Iban, string MrzLine, byte[] Photo);

    [Fact]
    public async Task LeavesNoPersonalValueImageBytesOrKeyInStorageOnceArchived()
    {
        var (_, token) = await host.MintAsync("documents:submit verifications:read:pictures verifications:archive");
        using var client = host.ClientWithToken(token);
        var blobsBefore = await BlobCountAsync();

        // A word already in storage before these people exist proves nothing (UNIQUE is a first name Bogus draws and a
        // keyword of the schema): such names are drawn again.
        var before = await HaystacksAsync();
        bool Stored(string word) =>
            before.Any(h => Found(h.Bytes, Encoding.UTF8.GetBytes(word)) || Found(h.Bytes, Encoding.UTF8.GetBytes(word.ToLowerInvariant())));
        var people = new List<Person>();
        for (var i = 0; i < People; i++)
        {
            people.Add(await SubmitPersonAsync(client, i, Stored));
        }

        // Read back through the API: the product still reads what it encrypted.
        foreach (var person in people.Take(3))
        {
            var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");
            var analyses = read.GetProperty("analyses").EnumerateArray().ToList();
            analyses[0].GetProperty("fields").GetProperty("lastName").GetString().Should().Be(person.LastName);
            analyses[2].GetProperty("fields").GetProperty("iban").GetString().Should().Be(person.Iban);
            var content = analyses[1].GetProperty("files")[0].GetProperty("content").GetString()!;
            Convert.FromBase64String(content[(content.IndexOf(',', StringComparison.Ordinal) + 1)..]).Should().Equal(person.Photo);
        }

        (await BlobCountAsync()).Should().Be(blobsBefore + (2 * People), "each person's photo and bank sheet are stored");
        var values = people.SelectMany(Needles).ToList();
        (await HitsAsync(values)).Should().BeEmpty("personal data is encrypted at rest, before any archiving");

        var protectors = await CiphertextsAsync(people.Select(p => p.VerificationId).ToList());
        protectors.Should().HaveCountGreaterThanOrEqualTo(People * 3, "every verification has a wrapped data key and sealed attributes");
        (await HitsAsync(protectors.Select(p => new Needle(p.Name, p.Bytes)).ToList())).Should().HaveCountGreaterThanOrEqualTo(protectors.Count, "the search finds what is stored");

        foreach (var person in people)
        {
            var archived = await client.PostAsync($"/api/v1/verifications/{person.VerificationId}/archive", null);
            archived.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var hits = await HitsAsync([.. values, .. protectors.Select(p => new Needle(p.Name, p.Bytes))]);
        hits.Should().BeEmpty("archiving destroys the keys and the ciphertexts, and secure_delete and the checkpoint leave no copy");
        (await BlobCountAsync()).Should().Be(blobsBefore, "the files of archived verifications are deleted");
    }

    [Fact]
    public async Task KeepsStatusControlsHistoryAndAnIntactAuditTrailAfterArchiving()
    {
        var (_, token) = await host.MintAsync("documents:submit verifications:read:pictures verifications:archive");
        using var client = host.ClientWithToken(token);
        var person = await SubmitPersonAsync(client, 99);
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");

        var archived = await (await client.PostAsync($"/api/v1/verifications/{person.VerificationId}/archive", null)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await client.PostAsync($"/api/v1/verifications/{person.VerificationId}/archive", null);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");

        again.StatusCode.Should().Be(HttpStatusCode.OK, "archiving is idempotent");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("archivedAt").GetDateTimeOffset()
            .Should().BeCloseTo(archived.GetProperty("archivedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1), "PostgreSQL keeps microseconds");
        after.GetProperty("archivedAt").GetString().Should().NotBeNull();
        after.GetProperty("status").GetString().Should().Be(before.GetProperty("status").GetString());
        var analysesBefore = before.GetProperty("analyses").EnumerateArray().ToList();
        var analysesAfter = after.GetProperty("analyses").EnumerateArray().ToList();
        analysesAfter.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            analysesAfter[i].GetProperty("status").GetRawText().Should().Be(analysesBefore[i].GetProperty("status").GetRawText());
            analysesAfter[i].GetProperty("controls").GetRawText().Should().Be(analysesBefore[i].GetProperty("controls").GetRawText());
            analysesAfter[i].GetProperty("fields").ValueKind.Should().Be(JsonValueKind.Null);
            foreach (var file in analysesAfter[i].GetProperty("files").EnumerateArray())
            {
                file.GetProperty("content").ValueKind.Should().Be(JsonValueKind.Null);
            }
        }

        after.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Should().ContainInOrder("submitted", "submitted", "submitted", "extracted", "archived");
        after.GetRawText().Should().NotContain(person.LastName).And.NotContain(person.DocumentNumber).And.NotContain(person.Iban);
        using var scope = host.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(CancellationToken.None)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesArchivingWithoutTheScopeAndAnswersAnotherTenantsIdLikeAMissingOne()
    {
        var (_, submitter) = await host.MintAsync("documents:submit verifications:read:attributes");
        var (_, foreign) = await host.MintAsync("verifications:archive", tenantId: "other-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = host.ClientWithToken(submitter);
        using var stranger = host.ClientWithToken(foreign);
        var person = await SubmitPersonAsync(client, 98);

        var forbidden = await client.PostAsync($"/api/v1/verifications/{person.VerificationId}/archive", null);
        var otherTenant = await stranger.PostAsync($"/api/v1/verifications/{person.VerificationId}/archive", null);
        var missing = await stranger.PostAsync("/api/v1/verifications/NO-SUCH-ID-12345/archive", null);

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        otherTenant.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Code(otherTenant)).Should().Be(await Code(missing));
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");
        read.GetProperty("archivedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task ArchivesFromTheCommandLine()
    {
        var (_, token) = await host.MintAsync("documents:submit verifications:read:metadata");
        using var client = host.ClientWithToken(token);
        var person = await SubmitPersonAsync(client, 97);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["admin", "archive", "--verification", person.VerificationId, .. host.ConfigurationArguments()], stdout, stderr);
        var missing = await AdminCommandLine.RunAsync(["admin", "archive", "--verification", "NO-SUCH-ID", .. host.ConfigurationArguments()], new StringWriter(), stderr);

        exit.Should().Be(0, stderr.ToString());
        var output = JsonDocument.Parse(stdout.ToString()).RootElement;
        output.GetProperty("verificationId").GetString().Should().Be(person.VerificationId);
        output.GetProperty("archivedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        missing.Should().Be(1);
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}")).GetProperty("archivedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task ArchivesAutomaticallyOnceTheTokensDelayAfterTheFirstExtractionHasPassed()
    {
        var (_, token) = await host.MintAsync("documents:submit verifications:read:attributes", archiveAfterExtract: TimeSpan.FromSeconds(1));
        using var client = host.ClientWithToken(token);
        var person = await SubmitPersonAsync(client, 96);
        var untouched = await SubmitPersonAsync(client, 95);

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");
        read.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString().Should().Contain("token");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var stdout = new StringWriter();
        (await AdminCommandLine.RunAsync(["admin", "archive-due", .. host.ConfigurationArguments()], stdout, new StringWriter())).Should().Be(0);

        JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("archived").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{person.VerificationId}");
        after.GetProperty("archivedAt").ValueKind.Should().Be(JsonValueKind.String);
        after.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString().Should().Be("auto-archive after extraction");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{untouched.VerificationId}")).GetProperty("archivedAt").ValueKind
            .Should().Be(JsonValueKind.Null, "it was never read before the sweep, and reading it now starts its own delay");
    }

    /// <summary>The stored files: rows of the database blob store on PostgreSQL (its default), files of the folder on SQLite.</summary>
    private async Task<long> BlobCountAsync()
    {
        if (host.Provider != "PostgreSql")
        {
            return Directory.Exists(host.BlobsPath) ? Directory.EnumerateFiles(host.BlobsPath, "*", SearchOption.AllDirectories).Count() : 0;
        }

        Directory.Exists(host.BlobsPath).Should().BeFalse("on PostgreSQL the files are kept in the database");
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(DISTINCT \"Key\") FROM \"BlobChunks\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private static async Task<Person> SubmitPersonAsync(HttpClient client, int index, Func<string, bool>? alreadyStored = null)
    {
        var faker = new Faker("en") { Random = new Randomizer(4200 + index + Environment.TickCount) };
        var lastName = Word(faker, () => faker.Name.LastName(), alreadyStored);
        var firstName = Word(faker, () => faker.Name.FirstName(), alreadyStored);
        var number = faker.Random.Replace("??#######").ToUpperInvariant();
        var birth = new DateOnly(1950, 1, 1).AddDays(faker.Random.Int(0, 18000));
        var iban = FrenchIban(faker.Random.Replace("#####"), faker.Random.Replace("#####"), faker.Random.Replace("###########"));
        var photo = Photo(faker.Random.Bytes(8192));
        var correlationId = $"PROOF-{index}-{Guid.NewGuid():N}"[..40];
        var mrz = Specimens.Passport(lastName, firstName, number, birth.ToString("yyMMdd", CultureInfo.InvariantCulture));
        var userInput = new { firstName, lastName };

        await PostAsync(client, "/api/v1/reco/mrz", correlationId, new { paramDict = new { mrz, userInput, save = true } });
        await PostAsync(client, "/api/v1/reco/id", correlationId, new { paramDict = new { files = new[] { Specimens.DataUri(photo) }, userInput, save = true } });
        var pdf = Specimens.TextPdf(["RELEVE D'IDENTITE BANCAIRE", $"Titulaire : {firstName} {lastName}", $"IBAN : {iban}", "BIC : BNPAFRPPXXX"]);
        var bank = await PostAsync(client, "/api/v1/reco/bankdetails", correlationId, new { paramDict = new { file = Specimens.DataUri(pdf, "application/pdf"), userInput, save = true } });
        bank.GetProperty("document").GetProperty("fields").GetProperty("iban").GetString().Should().Be(iban, bank.GetRawText());
        return new Person(correlationId, lastName, firstName, number, iban, mrz.Split('\n')[0], photo);
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, string correlationId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-ID", correlationId);
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.Should().Be(HttpStatusCode.OK, json.GetRawText());
        return json;
    }

    // Upper-case ASCII words of six letters or more: long enough that a hit cannot be chance.
    private static string Word(Faker faker, Func<string> next, Func<string, bool>? alreadyStored)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var word = new string(next().ToUpperInvariant().Where(c => c is >= 'A' and <= 'Z').ToArray());
            if (word.Length >= 6 && alreadyStored?.Invoke(word.Length > 15 ? word[..15] : word) != true)
            {
                return word.Length > 15 ? word[..15] : word;
            }
        }

        return faker.Random.String2(8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }

    // A French IBAN whose RIB key and mod-97 check digits both hold, as the reader requires of a candidate.
    private static string FrenchIban(string bank, string branch, string account)
    {
        var key = 97 - (int)(((89 * BigInteger.Parse(bank, CultureInfo.InvariantCulture)) + (15 * BigInteger.Parse(branch, CultureInfo.InvariantCulture)) + (3 * BigInteger.Parse(account, CultureInfo.InvariantCulture))) % 97);
        var bban = bank + branch + account + key.ToString("00", CultureInfo.InvariantCulture);
        var digits = bban + "152700"; // "FR" as 15 27, then "00"
        var check = 98 - (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97);
        return "FR" + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }

    // A JPEG header and end marker around random "scan" bytes: accepted, unreadable, stored for an analyst.
    private static byte[] Photo(byte[] scan)
    {
        var header = Specimens.Jpeg();
        return [.. header[..^2], .. scan, 0xFF, 0xD9];
    }

    private sealed record Needle(string Name, byte[] Bytes);

    private static IEnumerable<Needle> Needles(Person p)
    {
        foreach (var (name, text) in new[] { ("last name", p.LastName), ("first name", p.FirstName), ("document number", p.DocumentNumber), ("IBAN", p.Iban), ("MRZ line", p.MrzLine) })
        {
            yield return new Needle(name, Encoding.UTF8.GetBytes(text));
            yield return new Needle(name + " (lower case)", Encoding.UTF8.GetBytes(text.ToLowerInvariant()));
        }

        for (var offset = 100; offset + 32 <= p.Photo.Length - 2; offset += 2000)
        {
            yield return new Needle($"photo bytes at {offset}", p.Photo[offset..(offset + 32)]);
        }
    }

    /// <summary>The wrapped data keys and sealed attributes as stored, read straight from the database.</summary>
    private async Task<List<Needle>> CiphertextsAsync(List<string> verificationIds)
    {
        const string sql = """
            SELECT v."VerificationId", v."WrappedDataKey", a."SealedFields" FROM "Verifications" v JOIN "Analyses" a ON a."FolderId" = v."Id"
            WHERE v."VerificationId" LIKE 'PROOF-%'
            """;
        var found = new List<Needle>();
        var mine = verificationIds.ToHashSet(StringComparer.Ordinal);
        void Add(string verificationId, object wrapped, object sealedFields)
        {
            if (!mine.Contains(verificationId))
            {
                return; // another test's verification in the same host
            }

            if (wrapped is byte[] key)
            {
                found.Add(new Needle("wrapped data key", key[^48..]));
            }

            if (sealedFields is byte[] fields)
            {
                found.Add(new Needle("sealed attributes", fields[13..Math.Min(fields.Length, 61)]));
            }
        }

        await using DbConnection connection = host.Provider == "PostgreSql" ? new NpgsqlConnection(host.ConnectionString) : new SqliteConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Add(reader.GetString(0), reader.GetValue(1), reader.GetValue(2));
        }

        if (host.Provider == "PostgreSql")
        {
            // The files' ciphertext as the database blob store keeps it: it must leave the dump with the keys.
            await reader.DisposeAsync();
            await using var blobs = connection.CreateCommand();
            blobs.CommandText = """
                SELECT v."VerificationId", c."Data" FROM "Verifications" v JOIN "Analyses" a ON a."FolderId" = v."Id"
                JOIN "DocumentFiles" f ON f."AnalysisId" = a."Id" JOIN "BlobChunks" c ON c."Key" = f."BlobKey"
                WHERE v."VerificationId" LIKE 'PROOF-%'
                """;
            await using var rows = await blobs.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                if (mine.Contains(rows.GetString(0)) && rows.GetValue(1) is byte[] { Length: > 61 } data)
                {
                    found.Add(new Needle("stored file ciphertext", data[13..61]));
                }
            }

            found.Count(n => n.Name == "stored file ciphertext").Should().Be(2 * verificationIds.Count, "each person's two files are in the blob table");
        }

        return found.DistinctBy(n => Convert.ToHexString(n.Bytes)).ToList();
    }

    /// <summary>Every needle found in the database files (or dump) and the blob store, as "needle in place".</summary>
    private async Task<List<string>> HitsAsync(IReadOnlyList<Needle> needles)
    {
        var haystacks = await HaystacksAsync();
        haystacks.Should().NotBeEmpty();
        return (from needle in needles
                from haystack in haystacks
                where Found(haystack.Bytes, needle.Bytes)
                select $"{needle.Name} in {haystack.Name}").ToList();
    }

    // Bytes as stored, and as a dump writes bytea (hexadecimal text).
    private static bool Found(byte[] haystack, byte[] needle) =>
        haystack.AsSpan().IndexOf(needle) >= 0 || haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(needle))) >= 0;

    /// <summary>The database files (or a dump) and the blob store's files, as they are now.</summary>
    private async Task<List<(string Name, byte[] Bytes)>> HaystacksAsync()
    {
        var haystacks = new List<(string Name, byte[] Bytes)>();
        if (host.Provider == "PostgreSql")
        {
            haystacks.Add(("pg_dump", await PgDumpAsync()));
        }
        else
        {
            var path = new SqliteConnectionStringBuilder(host.ConnectionString).DataSource;
            await using (var connection = new SqliteConnection(host.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE);", connection);
                await checkpoint.ExecuteNonQueryAsync();
            }

            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                haystacks.Add((Path.GetFileName(file), await ReadSharedAsync(file)));
            }
        }

        if (Directory.Exists(host.BlobsPath))
        {
            foreach (var file in Directory.EnumerateFiles(host.BlobsPath, "*", SearchOption.AllDirectories))
            {
                haystacks.Add(("blob " + Path.GetFileName(file), await ReadSharedAsync(file)));
            }
        }

        return haystacks;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<byte[]> PgDumpAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(host.ConnectionString);
        var start = new ProcessStartInfo(PgDump(), ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "--data-only"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = await process.StandardError.ReadToEndAsync();
        await copy;
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, error);
        return output.ToArray();
    }

    private static string PgDump()
    {
        var bundled = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_dump")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;
        return bundled ?? "pg_dump";
    }
}
