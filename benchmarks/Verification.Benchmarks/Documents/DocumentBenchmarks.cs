using BenchmarkDotNet.Attributes;
using Verification.Core.Documents;
using Verification.Core.Documents.Banking;
using Verification.Core.Documents.Files;
using Verification.Core.Documents.Mrz;
using Verification.Core.Documents.Names;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;

namespace Verification.Benchmarks.Documents;

/// <summary>Inputs shared with benchmarks/peers/bench.js so that the figures compare like with like.</summary>
public static class PeerInputs
{
    public const string Td3 = "P<FRAERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36FRA7408122F1204159ZE184226B<<<<<10";
    public const string Td1 = "I<FRAD231458907<<<<<<<<<<<<<<<\n7408122F1204159FRA<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    public const string Iban = "FR1420041010050500013M02606";
    public const string IbanPrinted = "FR14 2004 1010 0505 0001 3M02 606";
    public const string Bic = "BNPAFRPPXXX";
}

// Every input a measured method uses comes from an instance field set up outside it: a literal or a constant lets
// the JIT fold the work away (bic_validate once reported 1.6 ns that way). Verification.Benchmarks.Tests checks it.
[MemoryDiagnoser]
public class MrzBenchmarks
{
    private TimeProvider _clock = null!;
    private IdentityDocumentChecker _checker = null!;
    private string _td3 = string.Empty;
    private string _td1 = string.Empty;
    private string _td3Misread = string.Empty;
    private HolderInput _holder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clock = TimeProvider.System;
        _checker = new IdentityDocumentChecker(_clock);
        _td3 = PeerInputs.Td3;
        _td1 = PeerInputs.Td1;
        _td3Misread = "p<uto eriksson<<anna<maria\nL8989O2C36UTO74O8I22F12O4I59ZE184226B     1O";
        _holder = new HolderInput("Anna", "Eriksson");
    }

    [Benchmark(Description = "td3_parse_validate")]
    public bool Td3ParseAndValidate() => MrzParser.Parse(_td3, _clock).Value.AllCheckDigitsValid;

    [Benchmark(Description = "td1_parse_validate")]
    public bool Td1ParseAndValidate() => MrzParser.Parse(_td1, _clock).Value.AllCheckDigitsValid;

    [Benchmark(Description = "td3_ocr_corrections")]
    public int Td3WithOcrCorrections() => MrzParser.Parse(_td3Misread, _clock).Value.Corrections.Count;

    [Benchmark(Description = "td3_full_check")]
    public AnalysisStatus Td3FullCheck() => _checker.Check(_td3, _holder).Status;
}

[MemoryDiagnoser]
public class IbanBenchmarks
{
    private string _iban = string.Empty;
    private string _ibanPrinted = string.Empty;
    private string _bic = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _iban = PeerInputs.Iban;
        _ibanPrinted = PeerInputs.IbanPrinted;
        _bic = PeerInputs.Bic;
    }

    [Benchmark(Description = "iban_validate")]
    public bool Validate() => Iban.Validate(_iban).IsValid;

    [Benchmark(Description = "iban_validate_printed")]
    public bool ValidatePrinted() => Iban.Validate(_ibanPrinted).IsValid;

    [Benchmark(Description = "bic_validate")]
    public bool ValidateBic() => Bic.Validate(_bic).IsValid;
}

[MemoryDiagnoser]
public class NameMatchBenchmarks
{
    private string[] _exact = [];
    private string[] _diacritics = [];
    private string[] _different = [];

    [GlobalSetup]
    public void Setup()
    {
        _exact = ["Anna Maria", "Eriksson", "ANNA MARIA", "ERIKSSON"];
        _diacritics = ["Jean-Édouard", "Müller-Lüdenscheidt", "JEAN EDOUARD", "MUELLER LUEDENSCHEIDT"];
        _different = ["Christophe", "Dupont", "MARIE-CLAIRE", "LEFEBVRE"];
    }

    [Benchmark(Description = "name_match_exact")]
    public double Exact() => Match(_exact);

    [Benchmark(Description = "name_match_diacritics")]
    public double Diacritics() => Match(_diacritics);

    [Benchmark(Description = "name_match_different")]
    public double Different() => Match(_different);

    private static double Match(string[] names) => NameMatcher.Match(names[0], names[1], names[2], names[3]).Score;
}

[MemoryDiagnoser]
public class DataUriBenchmarks
{
    private string _small = string.Empty;
    private string _large = string.Empty;
    private string _oversized = string.Empty;
    private long _limit;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var small = new byte[16 * 1024];
        var large = new byte[2 * 1024 * 1024];
        random.NextBytes(small);
        random.NextBytes(large);
        small[0] = 0xFF;
        small[1] = 0xD8;
        small[2] = 0xFF;
        _small = "data:image/jpeg;base64," + Convert.ToBase64String(small);
        _large = "data:image/jpeg;base64," + Convert.ToBase64String(large);
        _oversized = "data:image/jpeg;base64," + new string('A', 16 * 1024 * 1024);
        _limit = 10 * 1024 * 1024;
    }

    [Benchmark(Description = "data_uri_16KiB")]
    public int Small() => DataUri.Parse(_small, _limit).Value.Data.Length;

    [Benchmark(Description = "data_uri_2MiB")]
    public int Large() => DataUri.Parse(_large, _limit).Value.Data.Length;

    [Benchmark(Description = "data_uri_12MiB_refused")]
    public bool Oversized() => DataUri.Parse(_oversized, _limit).IsSuccess;
}

[MemoryDiagnoser]
public class StatusBenchmarks
{
    private DocumentReading _reading = DocumentReading.Read;
    private ControlResult[] _controls =
    [
        new("file.type", ControlCategories.FileIntegrity, ControlOutcome.Passed),
        new("file.integrity", ControlCategories.FileIntegrity, ControlOutcome.Passed),
        new("mrz.present", ControlCategories.Readability, ControlOutcome.Passed),
        new("mrz.check_digits", ControlCategories.DataCoherency, ControlOutcome.Passed),
        new("mrz.country_codes", ControlCategories.DocumentValidity, ControlOutcome.Passed),
        new("mrz.dates_plausible", ControlCategories.DataCoherency, ControlOutcome.Passed),
        new("document.validity", ControlCategories.DocumentValidity, ControlOutcome.Failed),
        new("holder.name_match", ControlCategories.HolderMatch, ControlOutcome.Warning),
        new("holder.birth_date_match", ControlCategories.HolderMatch, ControlOutcome.NotApplicable),
    ];

    [Benchmark(Description = "status_derive")]
    public AnalysisStatus Derive() => StatusRule.Derive(_reading, _controls);
}
