using Verification.SpecimenBuilders;

namespace Verification.Reading.Tesseract.Tests.Specimens;

/// <summary>
/// The specimen set, generated once per test run into a temporary folder: 60 identity photos (20 passports,
/// 20 ID cards, 20 French cards) and 30 bank-details sheets (18 French RIBs, 12 of Germany, Belgium, the Netherlands and the United Kingdom).
/// The set is seed 0 unless <c>VERIFICATION_SPECIMEN_SEED</c> names another, to check locally that the reader
/// is not tuned to one set (the thresholds asserted are for seed 0).
/// </summary>
public sealed class SpecimenSet : IAsyncLifetime
{
    public const int IdentityCount = 60;
    public const int BankCount = 30;

    private readonly string _folder = Directory.CreateTempSubdirectory("verification-specimens-").FullName;

    /// <summary>The seed the set was generated from.</summary>
    public int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_SPECIMEN_SEED"), out var seed) ? seed : 0;

    internal IReadOnlyList<IdentitySpecimen> Identities { get; private set; } = [];

    internal IReadOnlyList<BankSpecimen> BankSheets { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!ImageMagick.IsAvailable)
        {
            throw new InvalidOperationException("The specimen generator needs imagemagick and fonts-ocr-b (apt-get install imagemagick fonts-ocr-b).");
        }

        var generator = new SpecimenGenerator(_folder, Seed);
        var identities = new IdentitySpecimen[IdentityCount];
        var banks = new BankSpecimen[BankCount];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        await Parallel.ForEachAsync(Enumerable.Range(0, IdentityCount + BankCount), options, async (i, ct) =>
        {
            if (i < IdentityCount)
            {
                identities[i] = await generator.IdentityAsync(i, (IdentityKind)(i % 3), ct);
            }
            else
            {
                banks[i - IdentityCount] = await generator.BankAsync(i - IdentityCount, ct);
            }
        });
        Identities = identities;
        BankSheets = banks;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SpecimenCollection : ICollectionFixture<SpecimenSet>, ICollectionFixture<ReaderFixture>
{
    public const string Name = "specimens";
}
