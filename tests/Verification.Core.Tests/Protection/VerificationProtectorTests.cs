using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Verification.Core.Protection;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Protection;

public sealed class VerificationProtectorTests
{
    private static readonly SpecimenData Data = new();

    private static ExtractedFields Person() => new()
    {
        LastName = "LEFÈVRE-DUPONT",
        FirstName = "ANNE MARIE",
        DocumentNumber = "X4RTBPFW4",
        BirthDate = new DateOnly(1984, 2, 29),
        Iban = "FR7630006000011234567890189",
        Mrz = ["P<FRALEFEVRE<DUPONT<<ANNE<MARIE<<<<<<<<<<<<<", "X4RTBPFW46FRA8402298F3108155<<<<<<<<<<<<<<02"],
    };

    private static ConfiguredMasterKeyProvider Keys(string current, params string[] ids) =>
        new(Options.Create(new ProtectionOptions
        {
            CurrentMasterKey = current,
            MasterKeys = ids.ToDictionary(id => id, id => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(id))), StringComparer.Ordinal),
        }));

    [Fact]
    public void SealsAttributesThatOpenOnlyWithTheirFolderAndAnalysis()
    {
        var protector = new VerificationProtector(Keys("k1", "k1"));
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var analysisId = folder.Analyses[0].Id;

        var sealedFields = protector.SealFields(folder, analysisId, Person())!;

        Encoding.UTF8.GetString(sealedFields).Should().NotContain("DUPONT").And.NotContain("X4RTBPFW4");
        protector.OpenFields(folder.Id, folder.WrappedDataKey, analysisId, sealedFields).Should().Be(Person());
        // Bound to its analysis and to its folder: moved to another row, it does not decrypt.
        FluentActions.Invoking(() => protector.OpenFields(folder.Id, folder.WrappedDataKey, "01JOTHERANALYSIS0000000000", sealedFields))
            .Should().Throw<CryptographicException>();
        var other = Data.NewFolder(folder.TenantId, analyses: 1);
        protector.EnsureDataKey(other);
        FluentActions.Invoking(() => protector.OpenFields(other.Id, folder.WrappedDataKey, analysisId, sealedFields))
            .Should().Throw<CryptographicException>();
    }

    [Fact]
    public void RefusesAlteredCiphertext()
    {
        var protector = new VerificationProtector(Keys("k1", "k1"));
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var sealedFields = protector.SealFields(folder, folder.Analyses[0].Id, Person())!;
        sealedFields[20] ^= 1;

        FluentActions.Invoking(() => protector.OpenFields(folder.Id, folder.WrappedDataKey, folder.Analyses[0].Id, sealedFields))
            .Should().Throw<CryptographicException>();
    }

    [Fact]
    public void AnswersNoAttributesOnceTheDataKeyIsDestroyed()
    {
        var protector = new VerificationProtector(Keys("k1", "k1"));
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var sealedFields = protector.SealFields(folder, folder.Analyses[0].Id, Person());

        protector.OpenFields(folder.Id, wrappedDataKey: null, folder.Analyses[0].Id, sealedFields).Should().Be(ExtractedFields.Empty);
        protector.SealFields(folder, folder.Analyses[0].Id, ExtractedFields.Empty).Should().BeNull();
    }

    [Fact]
    public void EncryptsFilesUnderTheirOwnKeyWrappedByTheFolderThatTheyJoin()
    {
        var protector = new VerificationProtector(Keys("k1", "k1"));
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var file = folder.Analyses[0].Files[0];
        var content = RandomNumberGenerator.GetBytes(4096);

        var sealedFile = VerificationProtector.SealFile(file.Id, content);
        protector.AttachFileKey(folder, file, sealedFile.FileKey);

        sealedFile.Content.AsSpan().IndexOf(content.AsSpan(100, 32)).Should().Be(-1);
        protector.OpenFile(folder, file, sealedFile.Content).Should().Equal(content);
        folder.WrappedDataKey = null;
        protector.OpenFile(folder, file, sealedFile.Content).Should().BeNull("the data key is gone, so is the file key");
    }

    [Fact]
    public void ReadsDataKeysWrappedUnderAnOlderMasterKeyAndRewrapsThemUnderTheCurrentOne()
    {
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var before = new VerificationProtector(Keys("2026-01", "2026-01"));
        var sealedFields = before.SealFields(folder, folder.Analyses[0].Id, Person());
        VerificationProtector.MasterKeyIdOf(folder.WrappedDataKey).Should().Be("2026-01");

        var after = new VerificationProtector(Keys("2026-11", "2026-01", "2026-11"));
        after.OpenFields(folder.Id, folder.WrappedDataKey, folder.Analyses[0].Id, sealedFields).Should().Be(Person());
        after.RewrapDataKey(folder).Should().BeTrue();
        after.RewrapDataKey(folder).Should().BeFalse();
        VerificationProtector.MasterKeyIdOf(folder.WrappedDataKey).Should().Be("2026-11");

        var retired = new VerificationProtector(Keys("2026-11", "2026-11"));
        retired.OpenFields(folder.Id, folder.WrappedDataKey, folder.Analyses[0].Id, sealedFields).Should().Be(Person());
    }

    [Fact]
    public void SaysWhichMasterKeyIsMissingInsteadOfAnsweringEmpty()
    {
        var folder = Data.NewFolder(SpecimenData.NewTenantId(), analyses: 1);
        var sealedFields = new VerificationProtector(Keys("lost", "lost")).SealFields(folder, folder.Analyses[0].Id, Person());

        FluentActions.Invoking(() => new VerificationProtector(Keys("k2", "k2")).OpenFields(folder.Id, folder.WrappedDataKey, folder.Analyses[0].Id, sealedFields))
            .Should().Throw<InvalidOperationException>().WithMessage("*'lost'*");
    }

    [Fact]
    public void IndexesWholeNameWordsIgnoringCaseAndAccentsWithoutTheWords()
    {
        var protector = new VerificationProtector(Keys("k1", "k1"));
        var index = protector.NameIndex(Person())!;

        index.Should().NotContain("DUPONT").And.NotContain("dupont");
        foreach (var word in new[] { "lefevre", "Lefèvre", "DUPONT", "anne", "Marie" })
        {
            protector.NameTokens(word).Should().ContainSingle().Which.Should().Match(t => index.Contains(t, StringComparison.Ordinal), word);
        }

        protector.NameTokens("DUPON").Should().ContainSingle().Which.Should().Match(t => !index.Contains(t, StringComparison.Ordinal));
        protector.NameTokens("12").Should().BeEmpty();
        new VerificationProtector(Keys("k2", "k2")).NameTokens("DUPONT").Should().ContainSingle()
            .Which.Should().Match(t => !index.Contains(t, StringComparison.Ordinal), "another master key gives other tokens");
        new VerificationProtector(Keys("k2", "k1", "k2")).NameTokens("DUPONT").Should().HaveCount(2)
            .And.Contain(t => index.Contains(t, StringComparison.Ordinal), "names indexed before a rotation are still found");
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("k1", "not base64")]
    [InlineData("k1", "AAAA")]
    public void RefusesAMissingOrMalformedMasterKeyAtStart(string? id, string value)
    {
        var options = new ProtectionOptions();
        if (id is not null)
        {
            options.MasterKeys[id] = value;
        }

        new ProtectionOptionsValidator().Validate(null, options).Failed.Should().BeTrue();
    }

    [Fact]
    public void RequiresTheCurrentKeyToBeNamedAmongSeveral()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var options = new ProtectionOptions { MasterKeys = { ["a"] = key, ["b"] = key } };
        new ProtectionOptionsValidator().Validate(null, options).Failed.Should().BeTrue();
        options.CurrentMasterKey = "b";
        new ProtectionOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        new ProtectionOptionsValidator().Validate(null, new ProtectionOptions { EphemeralKey = true }).Succeeded.Should().BeTrue();
    }
}
