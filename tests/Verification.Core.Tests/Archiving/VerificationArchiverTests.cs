using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.Archiving;
using Verification.Core.Audit;
using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Archiving;

public sealed class VerificationArchiverTests
{
    private readonly SpecimenData _data = new();
    private readonly InMemoryVerificationStore _store = new();
    private readonly InMemoryBlobStore _blobs = new();
    private readonly InMemoryAuditStore _audit = new();
    private readonly string _tenant = SpecimenData.NewTenantId();

    private VerificationArchiver Archiver(ArchiveOptions? options = null) =>
        new(_store, new VerificationManager(_store, _data.Clock, NullLogger<VerificationManager>.Instance), _blobs, new AuditTrail(_audit), Options.Create(options ?? new ArchiveOptions()), _data.Clock, NullLogger<VerificationArchiver>.Instance);

    private async Task<VerificationFolder> SavedFolderAsync(int analyses = 2)
    {
        var folder = _data.NewFolder(_tenant, analyses: analyses);
        foreach (var file in folder.Analyses.SelectMany(a => a.Files))
        {
            using var content = new MemoryStream([1, 2, 3]);
            file.BlobKey = await _blobs.PutAsync(content, CancellationToken.None);
        }

        (await _store.CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        return folder;
    }

    [Fact]
    public async Task ErasesAttributesFilesAndTheDataKeyAndKeepsStatusControlsDecisionsAndHistory()
    {
        var folder = await SavedFolderAsync();
        var blobKeys = folder.Analyses.SelectMany(a => a.Files).Select(f => f.BlobKey!).ToList();
        var statuses = folder.Analyses.Select(a => a.StatusCode).ToList();
        var controls = folder.Analyses.Select(a => a.Controls.Count).ToList();
        _data.Clock.Advance(TimeSpan.FromMinutes(5));

        var archived = await Archiver().ArchiveAsync(_tenant, folder.VerificationId, new ArchiveActor(AuditActorTypes.Analyst, "an-1"), ArchiveReasons.OnDemand, CancellationToken.None);

        archived.IsSuccess.Should().BeTrue();
        var stored = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
        stored.ArchivedAt.Should().Be(_data.Clock.GetUtcNow());
        stored.WrappedDataKey.Should().BeNull();
        stored.Analyses.Should().OnlyContain(a => a.Fields.Equals(ExtractedFields.Empty));
        stored.Analyses.SelectMany(a => a.Files).Should().OnlyContain(f => f.BlobKey == null && f.WrappedKey == null && f.DisplayName == null);
        stored.Analyses.Select(a => a.StatusCode).Should().Equal(statuses);
        stored.Analyses.Select(a => a.Controls.Count).Should().Equal(controls);
        stored.History.Should().ContainSingle(e => e.Kind == VerificationEventKinds.Archived)
            .Which.Should().Match<VerificationEvent>(e => e.Actor == "analyst:an-1" && e.Detail == ArchiveReasons.OnDemand);
        foreach (var key in blobKeys)
        {
            (await _blobs.OpenReadAsync(key, CancellationToken.None)).Should().BeNull();
        }

        var audit = new List<AuditEntry>();
        await foreach (var entry in _audit.ListAsync(new AuditQuery(), CancellationToken.None))
        {
            audit.Add(entry);
        }

        audit.Should().ContainSingle(e => e.Action == "verification.archive" && e.TargetId == folder.VerificationId && e.ActorId == "an-1");
    }

    [Fact]
    public async Task ArchivingTwiceChangesNothingAndIsRecordedOnce()
    {
        var folder = await SavedFolderAsync();
        var first = await Archiver().ArchiveAsync(_tenant, folder.VerificationId, ArchiveActor.System, ArchiveReasons.OnDemand, CancellationToken.None);
        _data.Clock.Advance(TimeSpan.FromHours(1));
        var second = await Archiver().ArchiveAsync(_tenant, folder.VerificationId, ArchiveActor.System, ArchiveReasons.OnDemand, CancellationToken.None);

        second.Value.ArchivedAt.Should().Be(first.Value.ArchivedAt);
        second.Value.History.Count(e => e.Kind == VerificationEventKinds.Archived).Should().Be(1);
    }

    [Fact]
    public async Task AnswersAnotherTenantsVerificationLikeAMissingOne()
    {
        var folder = await SavedFolderAsync();
        var outcome = await Archiver().ArchiveAsync(SpecimenData.NewTenantId(), folder.VerificationId, ArchiveActor.System, ArchiveReasons.OnDemand, CancellationToken.None);

        outcome.Failure!.Code.Should().Be(StoreFailures.VerificationNotFound.Code);
        (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!.ArchivedAt.Should().BeNull();
    }

    [Fact]
    public async Task ConcurrentArchiversArchiveEachVerificationOnce()
    {
        var folders = new List<VerificationFolder>();
        for (var i = 0; i < 10; i++)
        {
            folders.Add(await SavedFolderAsync(analyses: 1));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            foreach (var folder in folders)
            {
                (await Archiver().ArchiveAsync(_tenant, folder.VerificationId, ArchiveActor.System, ArchiveReasons.OnDemand, CancellationToken.None)).IsSuccess.Should().BeTrue();
            }
        })));

        foreach (var folder in folders)
        {
            var stored = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
            stored.History.Count(e => e.Kind == VerificationEventKinds.Archived).Should().Be(1);
        }

        var audits = 0;
        await foreach (var entry in _audit.ListAsync(new AuditQuery(), CancellationToken.None))
        {
            audits += entry.Action == "verification.archive" ? 1 : 0;
        }

        audits.Should().Be(folders.Count);
    }

    [Fact]
    public async Task StartsTheAutoArchiveDelayAtTheFirstExtractionWithATokenAndSweepsWhenItPasses()
    {
        var folder = await SavedFolderAsync();
        var read = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
        read.RecordExtraction("service:vkyc", "tok-1", withPictures: true, TimeSpan.FromMinutes(10), _data.Clock.GetUtcNow());
        var due = _data.Clock.GetUtcNow().AddMinutes(10);
        _data.Clock.Advance(TimeSpan.FromMinutes(8));
        // A later read with the same token does not push the deadline back; a token without a delay changes nothing.
        read.RecordExtraction("service:vkyc", "tok-1", withPictures: false, TimeSpan.FromMinutes(10), _data.Clock.GetUtcNow());
        read.RecordExtraction("service:other", "tok-2", withPictures: false, null, _data.Clock.GetUtcNow());
        read.ArchiveDueAt.Should().Be(due);
        read.History.Where(e => e.Kind == VerificationEventKinds.Extracted).Select(e => e.Detail)
            .Should().Equal("attributes and pictures read with token tok-1", "attributes read with token tok-1", "attributes read with token tok-2");
        (await _store.UpdateAsync(read, CancellationToken.None)).IsSuccess.Should().BeTrue();

        (await Archiver().SweepAsync(CancellationToken.None)).Should().Be(0);
        _data.Clock.Advance(TimeSpan.FromMinutes(2));
        (await Archiver().SweepAsync(CancellationToken.None)).Should().Be(1);

        var stored = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
        stored.ArchivedAt.Should().NotBeNull();
        stored.History.Last().Detail.Should().Be(ArchiveReasons.AfterExtraction);
        (await Archiver().SweepAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task SweepsDecidedVerificationsAfterTheirRetentionAndUndecidedOnesAfterTheirs()
    {
        var options = new ArchiveOptions { DecidedRetentionDays = 30, UndecidedRetentionDays = 90 };
        var decided = await SavedFolderAsync(analyses: 1);
        var undecided = await SavedFolderAsync(analyses: 1);
        var fresh = (await _store.FindByIdAsync(_tenant, decided.VerificationId, CancellationToken.None))!;
        _data.Clock.Advance(TimeSpan.FromDays(1));
        fresh.Decide(fresh.Analyses[0].Id, DecisionKind.Approve, "analyst:an-1", null, _data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        (await _store.UpdateAsync(fresh, CancellationToken.None)).IsSuccess.Should().BeTrue();

        _data.Clock.Advance(TimeSpan.FromDays(29.9));
        (await Archiver(options).SweepAsync(CancellationToken.None)).Should().Be(0);
        _data.Clock.Advance(TimeSpan.FromDays(0.2));
        (await Archiver(options).SweepAsync(CancellationToken.None)).Should().Be(1);
        (await _store.FindByIdAsync(_tenant, decided.VerificationId, CancellationToken.None))!.History.Last().Detail.Should().Be(ArchiveReasons.Retention);
        (await _store.FindByIdAsync(_tenant, undecided.VerificationId, CancellationToken.None))!.ArchivedAt.Should().BeNull();

        _data.Clock.Advance(TimeSpan.FromDays(60));
        (await Archiver(options).SweepAsync(CancellationToken.None)).Should().Be(1);
        (await _store.FindByIdAsync(_tenant, undecided.VerificationId, CancellationToken.None))!.ArchivedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task WithoutRetentionSettingsOnlyExtractionDeadlinesAreSwept()
    {
        await SavedFolderAsync();
        _data.Clock.Advance(TimeSpan.FromDays(3650));
        (await Archiver().SweepAsync(CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public void AnArchivedVerificationCanNoLongerBeDecidedOrExtracted()
    {
        var folder = _data.NewFolder(_tenant, analyses: 1);
        folder.Archive("system", ArchiveReasons.OnDemand, _data.Clock.GetUtcNow());

        folder.Decide(folder.Analyses[0].Id, DecisionKind.Approve, "analyst:an-1", null, _data.Clock.GetUtcNow()).Failure!.Code.Should().Be("verification.archived");
        FluentActions.Invoking(() => folder.RecordExtraction("service:x", "tok", false, null, _data.Clock.GetUtcNow())).Should().Throw<InvalidOperationException>();
        folder.Archive("system", ArchiveReasons.OnDemand, _data.Clock.GetUtcNow()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, null, 60)]
    [InlineData(null, 40000, 60)]
    [InlineData(null, null, 0)]
    public void RefusesRetentionAndSweepSettingsOutOfRange(int? decided, int? undecided, int intervalSeconds)
    {
        new ArchiveOptionsValidator().Validate(null, new ArchiveOptions
        {
            DecidedRetentionDays = decided,
            UndecidedRetentionDays = undecided,
            SweepInterval = TimeSpan.FromSeconds(intervalSeconds),
        }).Failed.Should().BeTrue();
    }
}
