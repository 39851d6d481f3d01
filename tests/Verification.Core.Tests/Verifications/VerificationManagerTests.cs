using Microsoft.Extensions.Logging.Abstractions;
using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Verifications;

public sealed class VerificationManagerTests
{
    private readonly SpecimenData _data = new();
    private readonly InMemoryVerificationStore _store = new();
    private readonly string _tenant = SpecimenData.NewTenantId();

    private VerificationManager Manager(IVerificationStore? store = null) => new(store ?? _store, _data.Clock, NullLogger<VerificationManager>.Instance);

    private async Task<VerificationFolder> SavedFolderAsync()
    {
        var folder = _data.NewFolder(_tenant);
        (await _store.CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        return folder;
    }

    [Fact]
    public async Task ReappliesACommentOnTheFreshCopyWhenAnotherWriterSavedFirst()
    {
        var folder = await SavedFolderAsync();
        var racing = new RacingStore(_store, () => Manager().CommentAsync(_tenant, folder.VerificationId, "analyst:other", "first", CancellationToken.None).AsTask());

        var commented = await Manager(racing).CommentAsync(_tenant, folder.VerificationId, "analyst:me", "second", CancellationToken.None);

        commented.IsSuccess.Should().BeTrue();
        var stored = (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!;
        stored.History.Where(e => e.Kind == VerificationEventKinds.Commented).Select(e => e.Detail).Should().Equal("first", "second");
        racing.Conflicts.Should().Be(1);
    }

    [Fact]
    public async Task GivesUpWithAConcurrencyConflictWhenTheVerificationKeepsChanging()
    {
        var folder = await SavedFolderAsync();
        var racing = new RacingStore(_store, () => Manager().CommentAsync(_tenant, folder.VerificationId, "analyst:other", "again", CancellationToken.None).AsTask(), always: true);

        var commented = await Manager(racing).CommentAsync(_tenant, folder.VerificationId, "analyst:me", "never saved", CancellationToken.None);

        commented.Failure!.Code.Should().Be(VerificationErrors.ConcurrencyConflict);
        racing.Conflicts.Should().Be(VerificationManager.MaxAttempts);
    }

    [Fact]
    public async Task RefusesADecisionCommentOverTheLimitInTheAggregate()
    {
        var folder = await SavedFolderAsync();

        var decided = await Manager().DecideAsync(
            _tenant, folder.Analyses[0].Id, DecisionKind.Approve, "analyst:me", new string('x', VerificationFolder.MaxCommentLength + 1), CancellationToken.None);

        decided.Failure!.Code.Should().Be(VerificationErrors.CommentTooLong);
        (await _store.FindByIdAsync(_tenant, folder.VerificationId, CancellationToken.None))!.Analyses[0].Decision.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RefusesAnEmptyComment(string comment)
    {
        var folder = await SavedFolderAsync();

        var commented = await Manager().CommentAsync(_tenant, folder.VerificationId, "analyst:me", comment, CancellationToken.None);

        commented.Failure!.Code.Should().Be(VerificationErrors.CommentInvalid);
    }

    [Fact]
    public async Task KeepsTheFirstExtractionDeadlineOfATokenOnLaterReads()
    {
        var folder = await SavedFolderAsync();
        var read = new VerificationExtraction("service:svc", "tok-1", WithPictures: false, TimeSpan.FromMinutes(10));
        await Manager().RecordExtractionAsync(_tenant, folder.VerificationId, read, CancellationToken.None);
        var firstDeadline = _data.Clock.GetUtcNow().AddMinutes(10);
        _data.Clock.Advance(TimeSpan.FromMinutes(5));

        var again = await Manager().RecordExtractionAsync(_tenant, folder.VerificationId, read with { WithPictures = true }, CancellationToken.None);

        again.Value.ArchiveDueAt.Should().Be(firstDeadline);
        again.Value.History.Count(e => e.Kind == VerificationEventKinds.Extracted).Should().Be(2);
    }

    [Fact]
    public async Task RecordsNoExtractionOnAnArchivedVerification()
    {
        var folder = await SavedFolderAsync();
        (await Manager().ArchiveAsync(_tenant, folder.VerificationId, "system", "on demand", CancellationToken.None)).Value.ArchivedNow.Should().BeTrue();

        var read = await Manager().RecordExtractionAsync(_tenant, folder.VerificationId, new("service:svc", "tok-1", false, TimeSpan.FromMinutes(1)), CancellationToken.None);

        read.Value.History.Should().NotContain(e => e.Kind == VerificationEventKinds.Extracted);
        read.Value.ArchiveDueAt.Should().BeNull();
    }

    [Fact]
    public async Task ArchivesOnceAndAnswersTheSecondCallUnchanged()
    {
        var folder = await SavedFolderAsync();

        var first = await Manager().ArchiveAsync(_tenant, folder.VerificationId, "system", "on demand", CancellationToken.None);
        var second = await Manager().ArchiveAsync(_tenant, folder.VerificationId, "system", "on demand", CancellationToken.None);

        first.Value.ArchivedNow.Should().BeTrue();
        first.Value.ErasedBlobKeys.Should().NotBeEmpty();
        second.Value.ArchivedNow.Should().BeFalse();
        second.Value.ErasedBlobKeys.Should().BeEmpty();
        second.Value.Folder.History.Count(e => e.Kind == VerificationEventKinds.Archived).Should().Be(1);
    }

    [Fact]
    public async Task JoinsOneVerificationWhenTwoFirstDocumentsRaceOnANewCorrelationId()
    {
        var correlationId = _data.NewCorrelationId();
        VerificationJoin Join(string actor) => new()
        {
            TenantId = _tenant,
            CorrelationId = correlationId,
            Actor = actor,
            CreateAnalysis = folder => _data.NewAnalysis(folder),
        };

        var joined = await Task.WhenAll(
            Manager().JoinAsync(Join("service:a"), CancellationToken.None).AsTask(),
            Manager().JoinAsync(Join("service:b"), CancellationToken.None).AsTask());

        joined.Should().OnlyContain(j => j.IsSuccess);
        var stored = (await _store.FindByIdAsync(_tenant, correlationId, CancellationToken.None))!;
        stored.Analyses.Should().HaveCount(2);
    }

    [Fact]
    public async Task LetsTheAdmissionRuleRefuseAnExistingVerificationOnly()
    {
        var folder = await SavedFolderAsync();
        var refusal = Failure.Conflict(VerificationErrors.Archived, "no");
        VerificationJoin Join(string? correlationId) => new()
        {
            TenantId = _tenant,
            CorrelationId = correlationId,
            Actor = "service:a",
            CreateAnalysis = f => _data.NewAnalysis(f),
            Admit = (_, _) => ValueTask.FromResult<Failure?>(refusal),
        };

        (await Manager().JoinAsync(Join(folder.VerificationId), CancellationToken.None)).Failure.Should().Be(refusal);
        (await Manager().JoinAsync(Join(_data.NewCorrelationId()), CancellationToken.None)).IsSuccess.Should().BeTrue();
    }

    /// <summary>A store where another writer saves first, once or on every attempt, just before each update.</summary>
    private sealed class RacingStore(IVerificationStore inner, Func<Task> otherWriter, bool always = false) : IVerificationStore
    {
        private bool _raced;

        public int Conflicts { get; private set; }

        public ValueTask<VerificationFolder?> FindByIdAsync(string tenantId, string verificationId, CancellationToken cancellationToken) =>
            inner.FindByIdAsync(tenantId, verificationId, cancellationToken);

        public ValueTask<VerificationFolder?> FindByAnalysisIdAsync(string tenantId, string analysisId, CancellationToken cancellationToken) =>
            inner.FindByAnalysisIdAsync(tenantId, analysisId, cancellationToken);

        public ValueTask<Outcome<VerificationFolder>> CreateAsync(VerificationFolder folder, CancellationToken cancellationToken) =>
            inner.CreateAsync(folder, cancellationToken);

        public async ValueTask<Outcome<VerificationFolder>> UpdateAsync(VerificationFolder folder, CancellationToken cancellationToken)
        {
            if (always || !_raced)
            {
                _raced = true;
                await otherWriter();
            }

            var saved = await inner.UpdateAsync(folder, cancellationToken);
            if (!saved.IsSuccess)
            {
                Conflicts++;
            }

            return saved;
        }

        public IAsyncEnumerable<VerificationSummary> ListAsync(VerificationQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

        public IAsyncEnumerable<ArchiveCandidate> ListDueForArchiveAsync(ArchiveDueQuery query, CancellationToken cancellationToken) =>
            inner.ListDueForArchiveAsync(query, cancellationToken);

        public IAsyncEnumerable<WrappedDataKeyEntry> ListWrappedDataKeysAsync(string? afterFolderId, int limit, CancellationToken cancellationToken) =>
            inner.ListWrappedDataKeysAsync(afterFolderId, limit, cancellationToken);
    }
}
