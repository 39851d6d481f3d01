using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.Storage.Specification;

/// <summary>
/// What every <see cref="IVerificationSearch"/> must do. Derive, implement <see cref="CreateStore"/> and
/// <see cref="CreateSearch"/> over the same storage, and run.
/// </summary>
public abstract class VerificationSearchSpecification
{
    /// <summary>Specimen factory.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A store over the storage the search reads.</summary>
    protected abstract IVerificationStore CreateStore();

    /// <summary>A search over the same storage.</summary>
    protected abstract IVerificationSearch CreateSearch();

    [Fact]
    public async Task FindsAVerificationByIdAndADocumentByAnalysisId()
    {
        var tenant = SpecimenData.NewTenantId();
        var target = await SaveAsync(Data.NewFolder(tenant, "ACME-customer-777001"));
        await SaveAsync(Data.NewFolder(tenant, "ACME-customer-888002"));

        var byId = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = " ACME-customer-777001 " });
        var byPrefix = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "ACME-customer-777" });
        var byAnalysis = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = target.Analyses[1].Id });
        var folderByAnalysis = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = target.Analyses[1].Id });
        var allOfFolder = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = "ACME-customer-777001" });

        byId.Select(r => r.VerificationId).Should().Equal("ACME-customer-777001");
        byPrefix.Should().BeEmpty("ids match exactly, so that they are found through the index");
        byAnalysis.Select(r => r.AnalysisId).Should().Equal(target.Analyses[1].Id);
        folderByAnalysis.Select(r => r.VerificationId).Should().Equal("ACME-customer-777001");
        allOfFolder.Select(r => r.AnalysisId).Should().BeEquivalentTo(target.Analyses.Select(a => a.Id));
    }

    [Theory]
    [InlineData("müller")]
    [InlineData("MÜLLER")]
    [InlineData("Müller")]
    [InlineData("hans müller")]
    [InlineData("muller")]
    [InlineData("peter")]
    public async Task FindsAPersonByNameWordsIgnoringCaseAndAccents(string text)
    {
        var tenant = SpecimenData.NewTenantId();
        var muller = await SaveAsync(Named(Data.NewFolder(tenant), "MÜLLER", "HANS PETER"));
        await SaveAsync(Named(Data.NewFolder(tenant), "DUPONT", "JEAN"));

        var analyses = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = text });
        var folders = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = text });

        analyses.Should().NotBeEmpty().And.OnlyContain(r => r.VerificationId == muller.VerificationId);
        analyses.Should().OnlyContain(r => r.PersonName == "HANS PETER MÜLLER");
        folders.Select(r => r.VerificationId).Should().Equal(muller.VerificationId);
        folders[0].PersonName.Should().Be("HANS PETER MÜLLER");
    }

    [Fact]
    public async Task MatchesWholeNameWordsOnlySinceNamesAreSearchedThroughABlindIndex()
    {
        var tenant = SpecimenData.NewTenantId();
        await SaveAsync(Named(Data.NewFolder(tenant), "MÜLLER", "HANS PETER"));

        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "ller" })).Should().BeEmpty();
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "MÜLL" })).Should().BeEmpty();
    }

    [Fact]
    public async Task RequiresEveryWordOfAName()
    {
        var tenant = SpecimenData.NewTenantId();
        await SaveAsync(Named(Data.NewFolder(tenant), "DUPONT", "JEAN"));
        await SaveAsync(Named(Data.NewFolder(tenant), "MARTIN", "JEAN"));

        var found = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "jean  dupont" });
        var none = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "jean zzzqx" });

        found.Should().ContainSingle().Which.PersonName.Should().Be("JEAN DUPONT");
        none.Should().BeEmpty();
    }

    [Fact]
    public async Task TreatsLikeWildcardsInTheTextAsPlainCharacters()
    {
        var tenant = SpecimenData.NewTenantId();
        await SaveAsync(Named(Data.NewFolder(tenant), "DUPONT", "JEAN"));

        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "%" })).Should().BeEmpty();
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Text = "D_PONT" })).Should().BeEmpty();
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = "!" })).Should().BeEmpty();
    }

    [Fact]
    public async Task NeverAnswersAnotherTenantsFiles()
    {
        var tenant = SpecimenData.NewTenantId();
        var other = SpecimenData.NewTenantId();
        var folder = await SaveAsync(Named(Data.NewFolder(other), "ZWEIGSTELLE", "ANNA"));

        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant })).Should().BeEmpty();
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = "zweigstelle" })).Should().BeEmpty();
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = folder.VerificationId })).Should().BeEmpty();
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Text = folder.Analyses[0].Id })).Should().BeEmpty();
    }

    [Fact]
    public async Task LimitsReadersToTheirDepartments()
    {
        var tenant = SpecimenData.NewTenantId();
        var retail = await SaveAsync(Data.NewFolder(tenant, department: "retail"));
        var corporate = await SaveAsync(Data.NewFolder(tenant, department: "corporate"));
        var none = await SaveAsync(Data.NewFolder(tenant, department: null));

        var restricted = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, AllowedDepartments = ["retail"] });
        var restrictedAnalyses = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, AllowedDepartments = ["retail"] });
        var askingForAnother = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, AllowedDepartments = ["retail"], Department = "corporate" });
        var everyone = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant });
        var stats = await CreateSearch().GetStatisticsAsync(new VerificationStatisticsQuery { TenantId = tenant, AllowedDepartments = ["retail"], Until = Today() }, Ct);

        restricted.Select(r => r.VerificationId).Should().Equal(retail.VerificationId);
        restrictedAnalyses.Should().HaveCount(retail.Analyses.Count).And.OnlyContain(r => r.Department == "retail");
        askingForAnother.Should().BeEmpty();
        everyone.Select(r => r.VerificationId).Should().BeEquivalentTo([retail.VerificationId, corporate.VerificationId, none.VerificationId]);
        stats.FoldersByStatus.Sum(s => s.Count).Should().Be(1);
    }

    [Fact]
    public async Task FiltersByStatusDecisionSourceAndDate()
    {
        var tenant = SpecimenData.NewTenantId();
        var early = Data.NewFolder(tenant, department: "retail");
        early.Analyses[0].StatusCode = "3.0";
        early.Decide(early.Analyses[1].Id, DecisionKind.Approve, "analyst:a1", "ok", Data.Clock.GetUtcNow());
        await SaveAsync(early);
        Data.Clock.Advance(TimeSpan.FromDays(2));
        var boundary = Data.Clock.GetUtcNow();
        var late = Data.NewFolder(tenant, department: "corporate");
        late.Analyses.ForEach(a => a.GetType().GetProperty(nameof(Analysis.SourceTag))!.SetValue(a, "branch_scan"));
        await SaveAsync(late);

        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Status = "3.0" })).Select(r => r.AnalysisId).Should().Equal(early.Analyses[0].Id);
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Decided = true })).Select(r => r.AnalysisId).Should().Equal(early.Analyses[1].Id);
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Decided = false })).Should().HaveCount(3);
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, SourceTag = "branch_scan" })).Should().HaveCount(2).And.OnlyContain(r => r.VerificationId == late.VerificationId);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, SourceTag = "vkyc" })).Select(r => r.VerificationId).Should().Equal(early.VerificationId);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, From = boundary })).Select(r => r.VerificationId).Should().Equal(late.VerificationId);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, To = boundary })).Select(r => r.VerificationId).Should().Equal(early.VerificationId);
        (await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, From = boundary })).Should().HaveCount(2);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Department = "corporate" })).Select(r => r.VerificationId).Should().Equal(late.VerificationId);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Status = early.Status })).Select(r => r.VerificationId).Should().Equal(early.VerificationId);
        (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Decided = false })).Should().HaveCount(2);
    }

    [Fact]
    public async Task PagesInAStableOrderWithoutGapsOrRepeats()
    {
        var tenant = SpecimenData.NewTenantId();
        var saved = new List<VerificationFolder>();
        for (var i = 0; i < 7; i++)
        {
            saved.Add(await SaveAsync(Data.NewFolder(tenant, analyses: 2)));
        }

        foreach (var order in new[] { SearchOrder.NewestFirst, SearchOrder.OldestFirst, SearchOrder.Status })
        {
            var folders = new List<string>();
            var analyses = new List<string>();
            for (var offset = 0; offset < 20; offset += 3)
            {
                folders.AddRange((await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Order = order, Offset = offset, Limit = 3 })).Select(r => r.VerificationId));
                analyses.AddRange((await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Order = order, Offset = offset, Limit = 3 })).Select(r => r.AnalysisId));
            }

            folders.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(saved.Select(f => f.VerificationId));
            analyses.Should().OnlyHaveUniqueItems().And.HaveCount(14);
        }

        var newest = await FoldersAsync(new VerificationSearchQuery { TenantId = tenant, Limit = 7 });
        newest.Select(r => r.VerificationId).Should().Equal(saved.Select(f => f.VerificationId).Reverse());
        var oldest = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Order = SearchOrder.OldestFirst, Limit = 14 });
        oldest.Select(r => r.AnalysisId).Should().Equal(saved.SelectMany(f => f.Analyses).Select(a => a.Id));
    }

    [Fact]
    public async Task DescribesEachVerificationRow()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Named(Data.NewFolder(tenant, analyses: 3), "DURAND", "LÉA");
        folder.Decide(folder.Analyses[0].Id, DecisionKind.Reject, "analyst:a1", null, Data.Clock.GetUtcNow());
        await SaveAsync(folder);

        var row = (await FoldersAsync(new VerificationSearchQuery { TenantId = tenant })).Single();
        var documents = await AnalysesAsync(new VerificationSearchQuery { TenantId = tenant, Order = SearchOrder.OldestFirst });

        row.Should().BeEquivalentTo(new
        {
            folder.VerificationId,
            Status = FolderStatus.UserRejected,
            Department = "retail",
            AnalysisCount = 3,
            UndecidedCount = 2,
            SourceTags = new[] { "vkyc" },
            PersonName = "LÉA DURAND",
        });
        documents[0].Should().BeEquivalentTo(new
        {
            AnalysisId = folder.Analyses[0].Id,
            folder.VerificationId,
            DocumentType = DocumentTypes.Passport,
            StatusCode = "1.0",
            Department = "retail",
            SourceTag = "vkyc",
            ServiceUserId = "svc-vkyc",
            Channel = "reco",
            Decision = (DecisionKind?)DecisionKind.Reject,
            PersonName = "LÉA DURAND",
        });
        documents[0].DecidedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task CountsVolumePerDayStatusSourcesAndDecisionDelays()
    {
        var tenant = SpecimenData.NewTenantId();
        var dayOne = DateOnly.FromDateTime(Data.Clock.GetUtcNow().UtcDateTime);
        var first = Data.NewFolder(tenant, analyses: 2);
        first.Decide(first.Analyses[0].Id, DecisionKind.Approve, "analyst:a1", null, first.Analyses[0].CreatedAt.AddMinutes(90));
        await SaveAsync(first);
        Data.Clock.Advance(TimeSpan.FromDays(1));
        await SaveAsync(Data.NewFolder(tenant, analyses: 3));

        var stats = await CreateSearch().GetStatisticsAsync(new VerificationStatisticsQuery { TenantId = tenant, Until = dayOne.AddDays(2), Days = 4 }, Ct);

        stats.AnalysesPerDay.Should().Equal((dayOne.AddDays(-1), 0), (dayOne, 2), (dayOne.AddDays(1), 3), (dayOne.AddDays(2), 0));
        stats.FoldersByStatus.Should().BeEquivalentTo(new[] { ("1.0", 2) });
        stats.AnalysesBySource.Should().Equal(("vkyc", 5));
        stats.DecisionDelays.Should().ContainSingle().Which.Should().BeCloseTo(TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(1));
    }

    /// <summary>Today by the specimen clock.</summary>
    protected DateOnly Today() => DateOnly.FromDateTime(Data.Clock.GetUtcNow().UtcDateTime);

    private static VerificationFolder Named(VerificationFolder folder, string lastName, string firstName)
    {
        foreach (var analysis in folder.Analyses)
        {
            analysis.Fields = analysis.Fields with { LastName = lastName, FirstName = firstName, Mrz = null };
        }

        return folder;
    }

    private async Task<VerificationFolder> SaveAsync(VerificationFolder folder)
    {
        (await CreateStore().CreateAsync(folder, Ct)).IsSuccess.Should().BeTrue();
        return folder;
    }

    private async Task<List<AnalysisSearchRow>> AnalysesAsync(VerificationSearchQuery query)
    {
        var rows = new List<AnalysisSearchRow>();
        await foreach (var row in CreateSearch().SearchAnalysesAsync(query, Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<FolderSearchRow>> FoldersAsync(VerificationSearchQuery query)
    {
        var rows = new List<FolderSearchRow>();
        await foreach (var row in CreateSearch().SearchFoldersAsync(query, Ct))
        {
            rows.Add(row);
        }

        return rows;
    }
}
