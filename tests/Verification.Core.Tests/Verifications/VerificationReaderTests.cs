using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Verification.Core.ServiceAccounts;
using Verification.Core.Protection;
using Verification.Core.Stores.InMemory;
using Verification.Core.Tests.ServiceAccounts;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Verifications;

public sealed class VerificationReaderTests
{
    private readonly SpecimenData _data = new();
    private readonly InMemoryVerificationStore _store = new();
    private readonly string _tenant = SpecimenData.NewTenantId();

    private VerificationManager Manager() => new(_store, _data.Clock, NullLogger<VerificationManager>.Instance);

    private VerificationReader Reader() =>
        new(Manager(), new VerificationFileReader(new InMemoryBlobStore(), new VerificationProtector(new EphemeralMasterKeyProvider())));

    private ServiceTokenPrincipal Token(string scope, TimeSpan? archiveAfterExtract = null, IntegratorEncryptionKey? key = null) =>
        new(_tenant, "svc-1", "vkyc", "vkyc", "tok-1", [scope], archiveAfterExtract, expiresAt: null) { EncryptionKey = key };

    private async Task<VerificationFolder> SavedFolderAsync()
    {
        var folder = _data.NewFolder(_tenant);
        (await _store.CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        return folder;
    }

    [Fact]
    public async Task ShowsNoPersonalDataAndRecordsNoExtractionWithTheMetadataScope()
    {
        var folder = await SavedFolderAsync();

        var view = (await Reader().ReadAsync(Token(Scopes.ReadMetadata), folder.VerificationId, CancellationToken.None)).Value;

        view.Analyses.Should().OnlyContain(a => a.Fields == null && a.EncryptedPersonalData == null && a.Files.All(f => f.Content == null));
        view.History.Should().NotContain(e => e.Kind == VerificationEventKinds.Extracted);
    }

    [Fact]
    public async Task RecordsTheExtractionAndStartsTheAutoArchiveDelayBeforeShowingAttributes()
    {
        var folder = await SavedFolderAsync();

        var view = (await Reader().ReadAsync(Token(Scopes.ReadAttributes, TimeSpan.FromMinutes(10)), folder.VerificationId, CancellationToken.None)).Value;

        view.Analyses.Should().OnlyContain(a => a.Fields != null && a.Fields.ContainsKey("lastName"));
        var stored = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
        stored.History.Should().ContainSingle(e => e.Kind == VerificationEventKinds.Extracted && e.Actor == "service:svc-1");
        stored.ArchiveDueAt.Should().Be(_data.Clock.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task ShowsAttributesOnlyInsideAJweToTheIntegratorsKey()
    {
        var folder = await SavedFolderAsync();
        using var integrator = RSA.Create(2048);
        var key = IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(integrator)).Value;

        var view = (await Reader().ReadAsync(Token(Scopes.ReadAttributes, key: key), folder.VerificationId, CancellationToken.None)).Value;

        var analysis = view.Analyses[0];
        analysis.Fields.Should().BeNull();
        var (_, plaintext) = JweTestDecryptor.Decrypt(analysis.EncryptedPersonalData!, integrator);
        using var json = JsonDocument.Parse(plaintext);
        json.RootElement.GetProperty("fields").GetProperty("lastName").GetString().Should().Be(folder.Analyses[0].Fields.LastName);
        json.RootElement.GetProperty("files").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ShowsNothingPersonalOnceArchived()
    {
        var folder = await SavedFolderAsync();
        await Manager().ArchiveAsync(_tenant, folder.VerificationId, "system", "on demand", CancellationToken.None);

        var view = (await Reader().ReadAsync(Token(Scopes.ReadPictures, TimeSpan.FromMinutes(1)), folder.VerificationId, CancellationToken.None)).Value;

        view.ArchivedAt.Should().NotBeNull();
        view.Analyses.Should().OnlyContain(a => a.Fields == null && a.Files.All(f => f.Content == null));
        view.History.Should().NotContain(e => e.Kind == VerificationEventKinds.Extracted);
    }

    [Fact]
    public async Task AnswersNotFoundForAnotherTenantsVerification()
    {
        var folder = await SavedFolderAsync();
        var stranger = new ServiceTokenPrincipal("other-tenant", "svc-2", "x", "x", "tok-2", [Scopes.ReadAttributes], null, null);

        var read = await Reader().ReadAsync(stranger, folder.VerificationId, CancellationToken.None);

        read.Failure!.Code.Should().Be(VerificationErrors.VerificationNotFound);
    }
}
