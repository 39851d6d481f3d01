using Bogus;
using Verification.Core;
using Verification.Core.Certificates;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// Realistic demo files: European customers (accented names), each with an identity document and bank
/// details, some with a second identity document, mixed statuses and some decisions.
/// </summary>
internal sealed class DemoData(IVerificationStore store, CertificateIssuer certificates, TimeProvider timeProvider)
{
    private static readonly string[] Locales = ["fr", "de", "es", "it", "pt_PT", "nl", "pl", "sv"];
    private static readonly (string Country, string Iso2)[] Countries =
        [("FRA", "FR"), ("D", "DE"), ("ESP", "ES"), ("ITA", "IT"), ("PRT", "PT"), ("NLD", "NL"), ("POL", "PL"), ("SWE", "SE")];
    private static readonly string[] Departments = ["retail", "corporate", "private_banking"];
    private static readonly string[] Sources = ["vkyc", "doc_service", "branch_scan"];

    public async Task<int> SeedIfEmptyAsync(string tenantId, int count, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.ListAsync(new VerificationQuery { TenantId = tenantId, Limit = 1 }, cancellationToken))
        {
            return 0;
        }

        var faker = new Faker { Random = new Randomizer(20261121) };
        var now = timeProvider.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            var localeIndex = i % Locales.Length;
            var person = new Faker(Locales[localeIndex]) { Random = new Randomizer(1000 + i) }.Person;
            var (country, iso2) = Countries[localeIndex];
            var created = now.AddDays(-faker.Random.Int(0, 20)).AddMinutes(-faker.Random.Int(0, 600));
            var department = faker.PickRandom(Departments);
            var folder = VerificationFolder.Create(tenantId, $"DEMO-customer-{10_000 + i}", fromCorrelationId: true, department, new FixedTime(created));

            var identityStatus = faker.PickRandomParam(AnalysisStatus.Conform, AnalysisStatus.Conform, AnalysisStatus.ToVerify, AnalysisStatus.Expired, AnalysisStatus.OwnerMismatch, AnalysisStatus.Unreadable);
            var identity = Identity(folder, person, country, identityStatus, faker, created.AddMinutes(1), department);
            folder.AddAnalysis(identity, $"service:{identity.SourceTag}", identity.CreatedAt);

            var bank = Bank(folder, person, iso2, faker, created.AddMinutes(3), department);
            folder.AddAnalysis(bank, $"service:{bank.SourceTag}", bank.CreatedAt);

            if (i % 3 == 0)
            {
                var second = Identity(folder, person, country, AnalysisStatus.Conform, faker, created.AddMinutes(5), department, DocumentTypes.IdCard);
                folder.AddAnalysis(second, $"service:{second.SourceTag}", second.CreatedAt);
            }

            if (i % 4 == 1)
            {
                var decision = identityStatus == AnalysisStatus.Conform ? DecisionKind.Approve : DecisionKind.Reject;
                folder.Decide(identity.Id, decision, "analyst:demo", "Checked against the video call.", created.AddHours(2));
                if (decision == DecisionKind.Approve)
                {
                    folder.Certificates.Add(await certificates.IssueAsync(folder, identity, created.AddHours(2), cancellationToken));
                }
            }

            await store.CreateAsync(folder, cancellationToken);
        }

        return count;
    }

    private static Analysis Identity(VerificationFolder folder, Person person, string country, AnalysisStatus status, Faker faker, DateTimeOffset at, string department, string type = DocumentTypes.Passport)
    {
        var expired = status == AnalysisStatus.Expired;
        var controls = new List<ControlResult>
        {
            new("mrz.present", ControlCategories.Readability, status == AnalysisStatus.Unreadable ? ControlOutcome.Failed : ControlOutcome.Passed),
            new("mrz.check_digits", ControlCategories.DataCoherency, status == AnalysisStatus.Unreadable ? ControlOutcome.NotApplicable : ControlOutcome.Passed),
            new("document.validity", ControlCategories.DocumentValidity, expired ? ControlOutcome.Failed : ControlOutcome.Passed, expired ? "The document has expired." : null),
            new("holder.name_match", ControlCategories.HolderMatch,
                status == AnalysisStatus.OwnerMismatch ? ControlOutcome.Failed : status == AnalysisStatus.ToVerify ? ControlOutcome.Warning : ControlOutcome.Passed,
                status == AnalysisStatus.OwnerMismatch ? "The surname on the document differs from the one typed." : null),
        };
        var id = Identifiers.NewUlid(at);
        return new Analysis
        {
            Id = id,
            TenantId = folder.TenantId,
            FolderId = folder.Id,
            DocumentType = type,
            StatusCode = status.Code,
            Channel = "reco",
            ServiceUserId = "demo",
            SourceTag = faker.PickRandom(Sources),
            Department = department,
            CreatedAt = at,
            Controls = controls,
            Fields = status == AnalysisStatus.Unreadable ? ExtractedFields.Empty : new ExtractedFields
            {
                DocumentNumber = faker.Random.Replace("##??#####").ToUpperInvariant(),
                LastName = person.LastName.ToUpperInvariant(),
                FirstName = person.FirstName.ToUpperInvariant(),
                BirthDate = DateOnly.FromDateTime(person.DateOfBirth),
                ExpiryDate = expired ? DateOnly.FromDateTime(at.UtcDateTime.AddMonths(-3)) : DateOnly.FromDateTime(at.UtcDateTime.AddYears(6)),
                Sex = faker.PickRandom("M", "F"),
                Nationality = country,
                IssuingCountry = country,
            },
        };
    }

    private static Analysis Bank(VerificationFolder folder, Person person, string iso2, Faker faker, DateTimeOffset at, string department) => new()
    {
        Id = Identifiers.NewUlid(at),
        TenantId = folder.TenantId,
        FolderId = folder.Id,
        DocumentType = DocumentTypes.BankDetails,
        StatusCode = AnalysisStatus.Conform.Code,
        Channel = "ingest",
        ServiceUserId = "demo",
        SourceTag = "doc_service",
        DocumentCategory = "bank_details",
        Department = department,
        CreatedAt = at,
        Controls =
        [
            new("iban.checksum", ControlCategories.DataCoherency, ControlOutcome.Passed),
            new("iban.structure", ControlCategories.DataCoherency, ControlOutcome.Passed),
            new("bank.holder_name_match", ControlCategories.HolderMatch, ControlOutcome.Passed),
        ],
        Fields = new ExtractedFields
        {
            Iban = faker.Finance.Iban(formatted: false, countryCode: iso2).ToUpperInvariant(),
            Bic = faker.Finance.Bic(),
            HolderName = $"{person.FirstName} {person.LastName}",
            BankName = faker.Company.CompanyName() + " Banque",
        },
    };

    /// <summary>A clock stopped at one instant, to date demo files in the past.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
