using Verification.Core.Documents.Mrz;

namespace Verification.Core.Tests.Documents.Mrz;

/// <summary>The layout table drives the parser: its positions must agree with themselves.</summary>
public sealed class MrzLayoutTests
{
    public static TheoryData<string> Layouts() => ["Td1", "Td2", "Td3", "FrenchIdentityCard", "MrvA", "MrvB"];

    private static MrzLayout Named(string name) => name switch
    {
        "Td1" => MrzLayout.Td1,
        "Td2" => MrzLayout.Td2,
        "Td3" => MrzLayout.Td3,
        "FrenchIdentityCard" => MrzLayout.FrenchIdentityCard,
        "MrvA" => MrzLayout.MrvA,
        _ => MrzLayout.MrvB,
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void PlacesEveryFieldAndDigitInsideItsLines(string name)
    {
        var layout = Named(name);
        var spans = layout.Fields.Values.Concat(layout.Checked.SelectMany(f => f.Segments.Append(f.Digit))).Concat(layout.Unchecked);

        spans.Should().OnlyContain(s => s.Line >= 0 && s.Line < layout.Lines && s.Start >= 0 && s.Length > 0 && s.Start + s.Length <= layout.Width);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void PrintsEachCheckDigitWhereTheClassesAllowOnlyADigit(string name)
    {
        var layout = Named(name);

        layout.Checked.Select(f => layout.Classes[f.Digit.Line][f.Digit.Start]).Should().OnlyContain(c => c == 'N' || c == 'C');
        layout.Checked.Select(f => f.Kind).Should().BeInAscendingOrder("the parser reports check digits in the order of MrzCheckDigitKind");
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void CoversTheDocumentNumberAndDatesWithTheirOwnDigits(string name)
    {
        var layout = Named(name);

        layout.CheckedField(MrzCheckDigitKind.DocumentNumber)!.Segments.Should().Equal(layout.Span(MrzField.DocumentNumber)!.Value);
        layout.CheckedField(MrzCheckDigitKind.BirthDate)!.Segments.Should().Equal(layout.Span(MrzField.BirthDate)!.Value);
        if (layout.Span(MrzField.ExpiryDate) is { } expiry)
        {
            layout.CheckedField(MrzCheckDigitKind.ExpiryDate)!.Segments.Should().Equal(expiry);
        }
    }
}
