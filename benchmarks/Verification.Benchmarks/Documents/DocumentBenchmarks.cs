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
}

[MemoryDiagnoser]
public class MrzBenchmarks
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private readonly IdentityDocumentChecker _checker = new(TimeProvider.System);

    [Benchmark(Description = "td3_parse_validate")]
    public bool Td3ParseAndValidate() => MrzParser.Parse(PeerInputs.Td3, _clock).Value.AllCheckDigitsValid;

    [Benchmark(Description = "td1_parse_validate")]
    public bool Td1ParseAndValidate() => MrzParser.Parse(PeerInputs.Td1, _clock).Value.AllCheckDigitsValid;

    [Benchmark(Description = "td3_ocr_corrections")]
    public int Td3WithOcrCorrections() =>
        MrzParser.Parse("p<uto eriksson<<anna<maria\nL8989O2C36UTO74O8I22F12O4I59ZE184226B     1O", _clock).Value.Corrections.Count;

    [Benchmark(Description = "td3_full_check")]
    public AnalysisStatus Td3FullCheck() => _checker.Check(PeerInputs.Td3, new HolderInput("Anna", "Eriksson")).Status;
}

[MemoryDiagnoser]
public class IbanBenchmarks
{
    [Benchmark(Description = "iban_validate")]
    public bool Validate() => Iban.Validate(PeerInputs.Iban).IsValid;

    [Benchmark(Description = "iban_validate_printed")]
    public bool ValidatePrinted() => Iban.Validate(PeerInputs.IbanPrinted).IsValid;

    [Benchmark(Description = "bic_validate")]
    public bool ValidateBic() => Bic.Validate("BNPAFRPPXXX").IsValid;
}

[MemoryDiagnoser]
public class NameMatchBenchmarks
{
    [Benchmark(Description = "name_match_exact")]
    public double Exact() => NameMatcher.Match("Anna Maria", "Eriksson", "ANNA MARIA", "ERIKSSON").Score;

    [Benchmark(Description = "name_match_diacritics")]
    public double Diacritics() => NameMatcher.Match("Jean-Édouard", "Müller-Lüdenscheidt", "JEAN EDOUARD", "MUELLER LUEDENSCHEIDT").Score;

    [Benchmark(Description = "name_match_different")]
    public double Different() => NameMatcher.Match("Christophe", "Dupont", "MARIE-CLAIRE", "LEFEBVRE").Score;
}

[MemoryDiagnoser]
public class DataUriBenchmarks
{
    private string _small = string.Empty;
    private string _large = string.Empty;
    private string _oversized = string.Empty;

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
    }

    [Benchmark(Description = "data_uri_16KiB")]
    public int Small() => DataUri.Parse(_small, 10 * 1024 * 1024).Value.Data.Length;

    [Benchmark(Description = "data_uri_2MiB")]
    public int Large() => DataUri.Parse(_large, 10 * 1024 * 1024).Value.Data.Length;

    [Benchmark(Description = "data_uri_12MiB_refused")]
    public bool Oversized() => DataUri.Parse(_oversized, 10 * 1024 * 1024).IsSuccess;
}

[MemoryDiagnoser]
public class StatusBenchmarks
{
    private readonly ControlResult[] _controls =
    [
        new("file.type", ControlCategories.FileIntegrity, ControlOutcome.Passed),
        new("file.integrity", ControlCategories.FileIntegrity, ControlOutcome.Passed),
        new("mrz.present", ControlCategories.Readability, ControlOutcome.Passed),
        new("mrz.check_digits", ControlCategories.DataCoherency, ControlOutcome.Passed),
        new("mrz.country_codes", ControlCategories.DocumentValidity, ControlOutcome.Passed),
        new("document.validity", ControlCategories.DocumentValidity, ControlOutcome.Failed),
        new("holder.name_match", ControlCategories.HolderMatch, ControlOutcome.Warning),
        new("holder.birth_date_match", ControlCategories.HolderMatch, ControlOutcome.NotApplicable),
    ];

    [Benchmark(Description = "status_derive")]
    public AnalysisStatus Derive() => StatusRule.Derive(DocumentReading.Read, _controls);
}
