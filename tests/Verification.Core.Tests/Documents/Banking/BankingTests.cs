using Bogus;
using Verification.Core.Documents.Banking;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Banking;

public sealed class BankingTests
{
    // Examples published in the SWIFT IBAN registry and by national banks.
    [Theory]
    [InlineData("AD1200012030200359100100")]
    [InlineData("AE070331234567890123456")]
    [InlineData("AL47212110090000000235698741")]
    [InlineData("AT611904300234573201")]
    [InlineData("AZ21NABZ00000000137010001944")]
    [InlineData("BA391290079401028494")]
    [InlineData("BE68539007547034")]
    [InlineData("BG80BNBG96611020345678")]
    [InlineData("BH67BMAG00001299123456")]
    [InlineData("BR1800360305000010009795493C1")]
    [InlineData("CH9300762011623852957")]
    [InlineData("CR05015202001026284066")]
    [InlineData("CY17002001280000001200527600")]
    [InlineData("CZ6508000000192000145399")]
    [InlineData("DE89370400440532013000")]
    [InlineData("DK5000400440116243")]
    [InlineData("DO28BAGR00000001212453611324")]
    [InlineData("EE382200221020145685")]
    [InlineData("ES9121000418450200051332")]
    [InlineData("FI2112345600000785")]
    [InlineData("FO6264600001631634")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("GB29NWBK60161331926819")]
    [InlineData("GE29NB0000000101904917")]
    [InlineData("GI75NWBK000000007099453")]
    [InlineData("GL8964710001000206")]
    [InlineData("GR1601101250000000012300695")]
    [InlineData("GT82TRAJ01020000001210029690")]
    [InlineData("HR1210010051863000160")]
    [InlineData("HU42117730161111101800000000")]
    [InlineData("IE29AIBK93115212345678")]
    [InlineData("IL620108000000099999999")]
    [InlineData("IS140159260076545510730339")]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("JO94CBJO0010000000000131000302")]
    [InlineData("KW81CBKU0000000000001234560101")]
    [InlineData("KZ86125KZT5004100100")]
    [InlineData("LB62099900000001001901229114")]
    [InlineData("LI21088100002324013AA")]
    [InlineData("LT121000011101001000")]
    [InlineData("LU280019400644750000")]
    [InlineData("LV80BANK0000435195001")]
    [InlineData("MC5811222000010123456789030")]
    [InlineData("MD24AG000225100013104168")]
    [InlineData("ME25505000012345678951")]
    [InlineData("MK07250120000058984")]
    [InlineData("MR1300020001010000123456753")]
    [InlineData("MT84MALT011000012345MTLCAST001S")]
    [InlineData("MU17BOMM0101101030300200000MUR")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("NO9386011117947")]
    [InlineData("PK36SCBL0000001123456702")]
    [InlineData("PL61109010140000071219812874")]
    [InlineData("PS92PALS000000000400123456702")]
    [InlineData("PT50000201231234567890154")]
    [InlineData("QA58DOHB00001234567890ABCDEFG")]
    [InlineData("RO49AAAA1B31007593840000")]
    [InlineData("RS35260005601001611379")]
    [InlineData("SA0380000000608010167519")]
    [InlineData("SE4550000000058398257466")]
    [InlineData("SI56263300012039086")]
    [InlineData("SK3112000000198742637541")]
    [InlineData("SM86U0322509800000000270100")]
    [InlineData("TN5910006035183598478831")]
    [InlineData("TR330006100519786457841326")]
    [InlineData("UA213223130000026007233566001")]
    [InlineData("VA59001123000012345678")]
    [InlineData("VG96VPVG0000012345678901")]
    [InlineData("XK051212012345678906")]
    public void AcceptsRegistryExamples(string iban)
    {
        Independent.IbanValid(iban).Should().BeTrue("the example itself must be valid");
        var result = Iban.Validate(iban);
        result.Problem.Should().Be(IbanProblem.None);
        result.StructureValid.Should().BeTrue();
        result.ChecksumValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("FR1420041010050500013M02606", NationalCheckResult.Passed)]
    [InlineData("MC5811222000010123456789030", NationalCheckResult.Passed)]
    [InlineData("BE68539007547034", NationalCheckResult.Passed)]
    [InlineData("ES9121000418450200051332", NationalCheckResult.Passed)]
    [InlineData("IT60X0542811101000000123456", NationalCheckResult.Passed)]
    [InlineData("SM86U0322509800000000270100", NationalCheckResult.Passed)]
    [InlineData("PT50000201231234567890154", NationalCheckResult.Passed)]
    [InlineData("NO9386011117947", NationalCheckResult.Passed)]
    [InlineData("DE89370400440532013000", NationalCheckResult.NotApplicable)]
    public void RunsNationalChecks(string iban, NationalCheckResult expected) =>
        Iban.Validate(iban).NationalCheck.Should().Be(expected);

    [Theory]
    [InlineData("FR", "2004101005", "0500013M026", "07")]
    [InlineData("BE", "5390075470", "", "35")]
    [InlineData("ES", "21000418", "4502000513", "")]
    [InlineData("IT", "Y0542811101", "000000123456", "")]
    public void RefusesABbanWhoseNationalKeyWasChangedEvenWithARecomputedIbanChecksum(string country, string head, string middle, string tail)
    {
        string bban = country switch
        {
            "FR" => head + middle + tail,
            "BE" => head + tail,
            "ES" => head + "55" + middle,
            _ => head + middle,
        };
        var iban = country + Independent.IbanCheck(country, bban) + bban;
        var result = Iban.Validate(iban);
        result.ChecksumValid.Should().BeTrue();
        result.NationalCheck.Should().Be(NationalCheckResult.Failed);
        result.Problem.Should().Be(IbanProblem.WrongNationalCheck);
    }

    [Theory]
    [InlineData("fr14 2004 1010 0505 0001 3M02 606")]
    [InlineData("  FR14-2004-1010-0505-0001-3M02-606 ")]
    [InlineData("FR14\t20041010050500013M02606")]
    public void NormalisesSpacesAndCase(string input)
    {
        Iban.Validate(input).IsValid.Should().BeTrue();
        Iban.Normalize(input).Should().Be("FR1420041010050500013M02606");
    }

    [Theory]
    [InlineData("", IbanProblem.Empty)]
    [InlineData("FR14 2004 1010 0505 0001 3M02 60!", IbanProblem.InvalidCharacters)]
    [InlineData("ZZ1420041010050500013M02606", IbanProblem.UnknownCountry)]
    [InlineData("FR1420041010050500013M0260", IbanProblem.WrongLength)]
    [InlineData("FR1420041010050500013M026061234567890", IbanProblem.WrongLength)]
    [InlineData("FR142004101005050001300260A", IbanProblem.WrongStructure)]
    [InlineData("FR1520041010050500013M02606", IbanProblem.WrongChecksum)]
    [InlineData("GB82WEST12345698765431", IbanProblem.WrongChecksum)]
    [InlineData("GB00WEST12345698765432", IbanProblem.CheckDigitsOutOfRange)]
    [InlineData("GB99WEST12345698765432", IbanProblem.CheckDigitsOutOfRange)]
    [InlineData("GB01WEST12345698765432", IbanProblem.CheckDigitsOutOfRange)]
    public void ReportsTheFirstProblem(string input, IbanProblem expected) =>
        Iban.Validate(input).Problem.Should().Be(expected);

    [Fact]
    public void CoversEveryCountryWithConsistentLengths()
    {
        IbanRegistry.Countries.Should().HaveCountGreaterThan(85);
        foreach (var spec in IbanRegistry.Countries.Values)
        {
            spec.BbanPattern.Length.Should().Be(spec.Length - 4, spec.Country);
        }
    }

    public static TheoryData<string, int> GeneratedAccounts()
    {
        var data = new TheoryData<string, int>();
        foreach (var country in IbanRegistry.Countries.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(country, 1);
            data.Add(country, 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedAccounts))]
    public void AcceptsGeneratedAccountsOfEveryCountryAndCatchesOneChangedCharacter(string country, int seed)
    {
        var faker = new Faker { Random = new Randomizer((country[0] * 100) + country[1] + seed) };
        var spec = IbanRegistry.Countries[country];
        var bban = new string(spec.BbanPattern.Select(c => c switch
        {
            'n' => faker.Random.Char('0', '9'),
            'a' => faker.Random.Char('A', 'Z'),
            _ => faker.Random.Bool() ? faker.Random.Char('0', '9') : faker.Random.Char('A', 'Z'),
        }).ToArray());
        var iban = country + Independent.IbanCheck(country, bban) + bban;

        var result = Iban.Validate(iban);
        result.StructureValid.Should().BeTrue();
        result.ChecksumValid.Should().BeTrue();
        result.Country!.Country.Should().Be(country);

        // Every single-digit substitution changes the mod-97 remainder.
        var position = 4 + spec.BbanPattern.IndexOf('n', StringComparison.Ordinal);
        if (position >= 4)
        {
            var changed = iban[position] == '9' ? '0' : (char)(iban[position] + 1);
            var forged = iban[..position] + changed + iban[(position + 1)..];
            Iban.Validate(forged).ChecksumValid.Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("DEUTDEFF", BicProblem.None)]
    [InlineData("deutdeff500", BicProblem.None)]
    [InlineData("BNPA FR PP XXX", BicProblem.None)]
    [InlineData("NEDSZAJJ", BicProblem.None)]
    [InlineData("DEUTDEF", BicProblem.WrongLength)]
    [InlineData("DEUTDEFF5", BicProblem.WrongLength)]
    [InlineData("DEUTDEFF50000", BicProblem.WrongLength)]
    [InlineData("DEUT1EFF", BicProblem.InvalidCharacters)]
    [InlineData("DEUTDEF!", BicProblem.InvalidCharacters)]
    [InlineData("DEUTQQFF", BicProblem.UnknownCountry)]
    [InlineData("", BicProblem.Empty)]
    public void ValidatesBics(string bic, BicProblem expected) => Bic.Validate(bic).Problem.Should().Be(expected);

    [Fact]
    public void RecognisesTestBics() => Bic.Validate("DEUTDEF0").IsTestBic.Should().BeTrue();

    [Theory]
    [InlineData("FR", "FR", true)]
    [InlineData("GP", "FR", true)]
    [InlineData("FR", "MC", true)]
    [InlineData("JE", "GB", true)]
    [InlineData("DE", "FR", false)]
    [InlineData("BE", "NL", false)]
    public void ComparesBicAndIbanCountries(string bic, string iban, bool agree) =>
        Bic.CountriesAgree(bic, iban).Should().Be(agree);

    [Theory]
    [InlineData("20041", "01005", "0500013M026", 6)]
    [InlineData("30004", "00823", "00010116631", 0)]
    public void ComputesFrenchRibKeys(string bank, string branch, string account, int key)
    {
        var expected = key == 0 ? IndependentRibKey(bank, branch, account) : key;
        NationalBankChecks.FrenchRibKey(bank, branch, account).Should().Be(expected);
    }

    private static int IndependentRibKey(string bank, string branch, string account)
    {
        var digits = string.Concat(account.Select(c => char.IsDigit(c) ? c : "12345678912345678923456789"[c - 'A']));
        var value = (89 * System.Numerics.BigInteger.Parse(bank, System.Globalization.CultureInfo.InvariantCulture))
                    + (15 * System.Numerics.BigInteger.Parse(branch, System.Globalization.CultureInfo.InvariantCulture))
                    + (3 * System.Numerics.BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
        return 97 - (int)(value % 97);
    }
}
