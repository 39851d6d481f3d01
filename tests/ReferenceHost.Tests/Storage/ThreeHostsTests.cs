using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Npgsql;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Storage;

/// <summary>
/// Three reference hosts sharing nothing but one PostgreSQL database (and their configured keys): files go to the
/// database blob store, so what one host stores the others read; a host stopped in the middle of an upload leaves
/// nothing behind, and the retried upload succeeds on another host.
/// </summary>
public sealed class ThreeHostsTests : IAsyncLifetime
{
    private readonly string _database = "verification_three_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _keys = Directory.CreateTempSubdirectory("verification-three-keys-").FullName;
    private readonly List<SharedHost> _hosts = [];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES")
            ?? throw new InvalidOperationException("VERIFICATION_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ToString();
        foreach (var name in new[] { "A", "B", "C" })
        {
            // One after the other: the first migrates and writes the shared key files, the others find them.
            var host = new SharedHost(_connectionString, _keys);
            _ = host.Server;
            _hosts.Add(host);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public async Task WhatOneHostStoresTheOthersReadAndAHostStoppedMidUploadLeavesNothing()
    {
        var (a, b, c) = (_hosts[0], _hosts[1], _hosts[2]);
        var (_, token) = await a.MintAsync("documents:submit verifications:read:pictures");
        var photo = Photo(600 * 1024); // spans three 256 KiB pieces
        using (var client = a.ClientWithToken(token))
        {
            (await SubmitAsync(client, "THREE-HOSTS-1", photo)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        foreach (var reader in new[] { b, c })
        {
            using var client = reader.ClientWithToken(token);
            (await ContentAsync(client, "THREE-HOSTS-1")).Should().Equal(photo, "every host reads the file from the database");
        }

        var blobsBefore = await BlobCountAsync();
        var stopped = new SlowContent(Body(photo));
        var upload = Task.Run(async () =>
        {
            using var client = b.ClientWithToken(token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id") { Content = stopped };
            request.Headers.Add("X-Correlation-ID", "THREE-HOSTS-2");
            return await client.SendAsync(request);
        });
        await stopped.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = b.DisposeAsync().AsTask();
        stopped.Abort();
        var outcome = await Task.WhenAny(upload, Task.Delay(TimeSpan.FromSeconds(30)));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        _hosts.Remove(b);

        outcome.Should().Be(upload, "the interrupted upload ends");
        upload.IsCompletedSuccessfully.Should().BeFalse("the host went away before the body was complete");
        (await BlobCountAsync()).Should().Be(blobsBefore, "nothing half-stored");
        using (var client = c.ClientWithToken(token))
        {
            (await client.GetAsync("/api/v1/verifications/THREE-HOSTS-2")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await SubmitAsync(client, "THREE-HOSTS-2", photo)).StatusCode.Should().Be(HttpStatusCode.OK, "the retried upload succeeds on another host");
        }

        using (var client = a.ClientWithToken(token))
        {
            (await ContentAsync(client, "THREE-HOSTS-2")).Should().Equal(photo);
        }

        (await BlobCountAsync()).Should().Be(blobsBefore + 1);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string correlationId, byte[] photo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id") { Content = new ByteArrayContent(Body(photo)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Correlation-ID", correlationId);
        return await client.SendAsync(request);
    }

    private static byte[] Body(byte[] photo) =>
        JsonSerializer.SerializeToUtf8Bytes(new { paramDict = new { files = new[] { Specimens.DataUri(photo) }, save = true } });

    private static async Task<byte[]> ContentAsync(HttpClient client, string verificationId)
    {
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/verifications/{verificationId}");
        var content = read.GetProperty("analyses")[0].GetProperty("files")[0].GetProperty("content").GetString()!;
        return Convert.FromBase64String(content[(content.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }

    // A JPEG header and end marker around random bytes: accepted, unreadable, stored for an analyst.
    private static byte[] Photo(int length)
    {
        var header = Specimens.Jpeg(64, 48);
        return [.. header[..^2], .. RandomNumberGenerator.GetBytes(length), 0xFF, 0xD9];
    }

    private async Task<long> BlobCountAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(DISTINCT \"Key\") FROM \"BlobChunks\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A request body that sends its first half, then stalls until aborted, like a client cut off with its host.</summary>
    private sealed class SlowContent : HttpContent
    {
        private readonly TaskCompletionSource _abort = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _body;

        public SlowContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new("application/json");
        }

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Abort() => _abort.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, _body.Length / 2));
            await stream.FlushAsync();
            HalfSent.TrySetResult();
            await _abort.Task;
            throw new IOException("The connection was cut with its host.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    /// <summary>A reference host on the shared database and keys folder, without demo data.</summary>
    private sealed class SharedHost(string connectionString, string keys) : PostgreSqlReferenceHostFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Verification"] = connectionString,
            ["Verification:DataProtection:KeysPath"] = keys,
            ["Verification:Demo:Seed"] = "false",
        };
    }
}
