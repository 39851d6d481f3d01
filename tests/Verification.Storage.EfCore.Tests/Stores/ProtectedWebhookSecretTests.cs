using Microsoft.EntityFrameworkCore;
using Verification.Core.Webhooks;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;

namespace Verification.Storage.EfCore.Tests.Stores;

/// <summary>Webhook signing secrets are kept under the master key in the database, and rows from earlier versions still work.</summary>
public abstract class ProtectedWebhookSecretTests(ITestDatabase db)
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private EfWebhookEndpointStore<VerificationDbContext> Store() => new(db.NewContext(), db.Protector);

    [Fact]
    public async Task KeepsTheSecretsWrappedUnderTheMasterKey()
    {
        var endpoint = WebhookEndpointStoreSpecification.NewEndpoint(SpecimenData.NewTenantId(), DateTimeOffset.UtcNow);
        var clear = endpoint.Secret;
        (await Store().CreateAsync(endpoint, _ct)).IsSuccess.Should().BeTrue();
        var read = (await Store().FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct))!;
        var store = Store();
        var tracked = (await store.FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct))!;
        using var next = WebhookSecret.Generate();
        tracked.PreviousSecret = tracked.Secret;
        tracked.PreviousSecretExpiresAt = DateTimeOffset.UtcNow.AddDays(1);
        tracked.Secret = next.Reveal();
        await store.UpdateAsync(tracked, _ct);

        var (secret, previous) = await RawAsync(endpoint.Id);

        read.Secret.Should().Be(clear);
        secret.Should().StartWith("mk1:").And.NotContain(next.Reveal()["whsec_".Length..]);
        previous.Should().StartWith("mk1:").And.NotContain(clear["whsec_".Length..]);
        var again = (await Store().FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct))!;
        again.Secret.Should().Be(next.Reveal());
        again.PreviousSecret.Should().Be(clear);
        (await ToListAsync(Store().ListAsync(endpoint.TenantId, _ct))).Single().Secret.Should().Be(next.Reveal());
    }

    [Fact]
    public async Task ReadsASecretAnEarlierVersionStoredInClearAndSealsItAtTheNextSave()
    {
        var endpoint = WebhookEndpointStoreSpecification.NewEndpoint(SpecimenData.NewTenantId(), DateTimeOffset.UtcNow);
        var clear = endpoint.Secret;
        await Store().CreateAsync(endpoint, _ct);
        await ExecuteAsync($"UPDATE \"WebhookEndpoints\" SET \"Secret\" = '{clear}' WHERE \"Id\" = '{endpoint.Id}'");

        var store = Store();
        var legacy = (await store.FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct))!;
        legacy.Secret.Should().Be(clear);
        WebhookSecret.Parse(legacy.Secret).IsSuccess.Should().BeTrue("the legacy secret still signs");
        legacy.Enabled = false;
        await store.UpdateAsync(legacy, _ct);

        (await RawAsync(endpoint.Id)).Secret.Should().StartWith("mk1:");
        (await Store().FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct))!.Secret.Should().Be(clear);
    }

    [Fact]
    public async Task ASealedSecretCopiedToAnotherEndpointDoesNotOpen()
    {
        var tenant = SpecimenData.NewTenantId();
        var first = WebhookEndpointStoreSpecification.NewEndpoint(tenant, DateTimeOffset.UtcNow);
        var second = WebhookEndpointStoreSpecification.NewEndpoint(tenant, DateTimeOffset.UtcNow.AddMilliseconds(5));
        await Store().CreateAsync(first, _ct);
        await Store().CreateAsync(second, _ct);
        var (sealedFirst, _) = await RawAsync(first.Id);
        await ExecuteAsync($"UPDATE \"WebhookEndpoints\" SET \"Secret\" = '{sealedFirst}' WHERE \"Id\" = '{second.Id}'");

        var read = async () => await Store().FindByIdAsync(tenant, second.Id, _ct);

        await read.Should().ThrowAsync<System.Security.Cryptography.CryptographicException>();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var context = db.NewContext();
        await context.Database.ExecuteSqlRawAsync(sql, _ct);
    }

    private async Task<(string Secret, string? Previous)> RawAsync(string endpointId)
    {
        await using var context = db.NewContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Secret\", \"PreviousSecret\" FROM \"WebhookEndpoints\" WHERE \"Id\" = '{endpointId}'";
        await using var reader = await command.ExecuteReaderAsync(_ct);
        (await reader.ReadAsync(_ct)).Should().BeTrue();
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

public sealed class SqliteProtectedWebhookSecretTests(SqliteTestDatabase db) : ProtectedWebhookSecretTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlProtectedWebhookSecretTests(PostgreSqlTestDatabase db) : ProtectedWebhookSecretTests(db), IClassFixture<PostgreSqlTestDatabase>;
