using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;
using Verification.Storage.EfCore.Blobs;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;

namespace Verification.Storage.EfCore.Tests.Blobs;

/// <summary>The database blob store, in small pieces so that every file of the specification spans several.</summary>
public abstract class DatabaseBlobStoreTests(ITestDatabase db) : BlobStoreSpecification
{
    private readonly ServiceProvider _services = new ServiceCollection().AddScoped(_ => db.NewContext()).BuildServiceProvider();

    protected override IBlobStore CreateStore() =>
        new DatabaseBlobStore<VerificationDbContext>(_services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new DatabaseBlobStoreOptions { ChunkBytes = 16 * 1024 }));

    protected override async Task<long> CountAsync() => await ScalarAsync("SELECT COUNT(DISTINCT \"Key\") FROM \"BlobChunks\"");

    [Fact]
    public async Task KeepsAFileInPiecesOfTheConfiguredSize()
    {
        var key = await CreateStore().PutAsync(new MemoryStream(new byte[(16 * 1024 * 3) + 1]), Ct);

        (await ScalarAsync($"SELECT COUNT(*) FROM \"BlobChunks\" WHERE \"Key\" = '{key}'")).Should().Be(4);
        (await ScalarAsync($"SELECT MAX(LENGTH(\"Data\")) FROM \"BlobChunks\" WHERE \"Key\" = '{key}'")).Should().Be(16 * 1024);
    }

    [Fact]
    public async Task ArchivingDeletesTheFilesInTheSaveThatDestroysTheDataKey()
    {
        var data = new SpecimenData();
        var folder = data.NewFolder(SpecimenData.NewTenantId(), analyses: 2);
        var keys = new List<string>();
        foreach (var file in folder.Analyses.SelectMany(a => a.Files))
        {
            file.BlobKey = await CreateStore().PutAsync(new MemoryStream(new byte[40_000]), Ct);
            keys.Add(file.BlobKey);
        }

        var other = await CreateStore().PutAsync(new MemoryStream(new byte[100]), Ct);
        (await new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector).CreateAsync(folder, Ct)).IsSuccess.Should().BeTrue();
        var store = new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
        var read = (await store.FindByIdAsync(folder.TenantId, folder.VerificationId, Ct))!;

        data.Archive(read).Should().BeEquivalentTo(keys);
        (await store.UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();

        foreach (var key in keys)
        {
            (await ScalarAsync($"SELECT COUNT(*) FROM \"BlobChunks\" WHERE \"Key\" = '{key}'")).Should().Be(0);
        }

        (await CreateStore().OpenReadAsync(other, Ct)).Should().NotBeNull("another verification's file stays");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var context = db.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteDatabaseBlobStoreTests(SqliteTestDatabase db) : DatabaseBlobStoreTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlDatabaseBlobStoreTests(PostgreSqlTestDatabase db) : DatabaseBlobStoreTests(db), IClassFixture<PostgreSqlTestDatabase>;

/// <summary>The file-system store passes the same specification.</summary>
public sealed class FileSystemBlobStoreTests : BlobStoreSpecification, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "verification-blobs-" + Guid.NewGuid().ToString("N"));

    protected override IBlobStore CreateStore() => new FileSystemBlobStore(Options.Create(new FileSystemBlobStoreOptions { Path = _folder }));

    protected override Task<long> CountAsync() =>
        Task.FromResult(Directory.Exists(_folder) ? (long)Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Count() : 0);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
