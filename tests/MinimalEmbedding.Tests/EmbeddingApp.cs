using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MinimalEmbedding.Tests;

/// <summary>The sample app on a fresh SQLite file and blob folder, with one app user and the secrets it needs.</summary>
public sealed class EmbeddingApp : WebApplicationFactory<Program>
{
    public const string AliceKey = "alice-key-4f0c2b7e9d";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("minimal-embedding-");

    /// <summary>The master key the app is given; empty for none.</summary>
    public string MasterKey { get; init; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string WebhookSecret { get; } = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Kyc", $"Data Source={Path.Combine(_data.FullName, "kyc.db")}");
        builder.UseSetting("Verification:Blobs:Path", Path.Combine(_data.FullName, "blobs"));
        builder.UseSetting("ApiKeys:alice", AliceKey);
        builder.UseSetting("Webhooks:Secret", WebhookSecret);
        using (var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            builder.UseSetting("Verification:Certificates:Keys:0:KeyId", "cert-test-1");
            builder.UseSetting("Verification:Certificates:Keys:0:Pem", certificateKey.ExportPkcs8PrivateKeyPem());
        }

        if (MasterKey.Length > 0)
        {
            builder.UseSetting("Verification:Protection:MasterKeys:test-1", MasterKey);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _data.Exists)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _data.Delete(recursive: true);
        }
    }
}
