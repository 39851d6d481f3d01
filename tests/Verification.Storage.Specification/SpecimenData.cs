using Bogus;

using Verification.Core;
using Verification.Core.Verifications;

namespace Verification.Storage.Specification;

/// <summary>Realistic fake verifications for the store specifications.</summary>
public sealed class SpecimenData
{
    private readonly Faker _faker = new("fr");

    /// <summary>The clock the specimens are created with.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A tenant id no other test uses, so tests sharing a database stay independent.</summary>
    public static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A correlation id as an integrator would send it.</summary>
    public string NewCorrelationId() => $"ACME-customer-{_faker.Random.Number(100_000, 999_999)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A verification with <paramref name="analyses"/> identity analyses, each with one file.</summary>
    public VerificationFolder NewFolder(string tenantId, string? verificationId = null, int analyses = 2, string? department = "retail")
    {
        var folder = VerificationFolder.Create(tenantId, verificationId ?? NewCorrelationId(), fromCorrelationId: true, department, Clock);
        for (var i = 0; i < analyses; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(3));
            folder.AddAnalysis(NewAnalysis(folder), "service:svc-vkyc", Clock.GetUtcNow());
        }

        return folder;
    }

    /// <summary>Archives <paramref name="folder"/> in memory (as the manager does before saving) and answers the blob keys it erased.</summary>
    public IReadOnlyList<string> Archive(VerificationFolder folder) => folder.Archive("system", "on demand", Clock.GetUtcNow());

    /// <summary>Approves the first analysis of <paramref name="folder"/> in memory (as the manager does before saving), which queues a webhook message.</summary>
    public void ApproveFirst(VerificationFolder folder) => ApproveFirst(folder, "analyst:A");

    /// <summary>Approves the first analysis of <paramref name="folder"/> in memory in the name of <paramref name="actor"/>.</summary>
    public void ApproveFirst(VerificationFolder folder, string actor) =>
        folder.Decide(folder.Analyses[0].Id, DecisionKind.Approve, actor, null, Clock.GetUtcNow()).IsSuccess.Should().BeTrue();

    /// <summary>An identity analysis for <paramref name="folder"/>.</summary>
    public Analysis NewAnalysis(VerificationFolder folder, string statusCode = "1.0")
    {
        var now = Clock.GetUtcNow();
        var person = new Person("fr");
        var analysisId = Identifiers.NewUlid(now);
        return new Analysis
        {
            Id = analysisId,
            TenantId = folder.TenantId,
            FolderId = folder.Id,
            DocumentType = DocumentTypes.Passport,
            StatusCode = statusCode,
            Channel = "reco",
            ServiceUserId = "svc-vkyc",
            TokenId = "tok-" + _faker.Random.AlphaNumeric(8),
            SourceTag = "vkyc",
            Department = folder.Department,
            CreatedAt = now,
            Fields = new ExtractedFields
            {
                DocumentNumber = _faker.Random.Replace("??#######").ToUpperInvariant(),
                LastName = person.LastName.ToUpperInvariant(),
                FirstName = person.FirstName.ToUpperInvariant(),
                BirthDate = DateOnly.FromDateTime(person.DateOfBirth),
                ExpiryDate = new DateOnly(2031, 4, 15),
                Sex = _faker.PickRandom("M", "F"),
                Nationality = "FRA",
                IssuingCountry = "FRA",
                Mrz = ["P<FRA" + person.LastName.ToUpperInvariant() + "<<" + person.FirstName.ToUpperInvariant(), "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
            },
            Controls =
            [
                new ControlResult("mrz.present", ControlCategories.Readability, ControlOutcome.Passed),
                new ControlResult("mrz.check_digits", ControlCategories.DataCoherency, ControlOutcome.Passed, "All five check digits match."),
                new ControlResult("holder.name_match", ControlCategories.HolderMatch, ControlOutcome.Warning, "Given names differ slightly."),
            ],
            Files =
            [
                new DocumentFile
                {
                    Id = Identifiers.NewUlid(now),
                    AnalysisId = analysisId,
                    MediaType = "image/jpeg",
                    Length = _faker.Random.Long(20_000, 2_000_000),
                    Sha256 = _faker.Random.Hash(64),
                    BlobKey = "blobs/" + Guid.NewGuid().ToString("N"),
                    DisplayName = "passport.jpg",
                    Width = 1250,
                    Height = 880,
                    CreatedAt = now,
                },
            ],
        };
    }
}
