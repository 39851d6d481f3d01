using Verification.Core.Documents.Files;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Files;

public sealed class DataUriTests
{
    private static string Uri(byte[] data, string type = "image/png") => $"data:{type};base64,{Convert.ToBase64String(data)}";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(100)]
    [InlineData(1001)]
    public void DecodesPayloadsOfEveryPaddingLength(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var content = DataUri.Parse(Uri(data), 1 << 20).Value;
        content.Data.Should().Equal(data);
        content.MediaType.Should().Be("image/png");
        DataUri.DecodedLength(Uri(data)).Value.Should().Be(length);
    }

    [Fact]
    public void ReadsParametersAndCase()
    {
        var content = DataUri.Parse("DATA:Image/JPEG;name=scan.jpg;BASE64,AAEC", 100).Value;
        content.MediaType.Should().Be("image/jpeg");
        content.Data.Should().Equal(0, 1, 2);
    }

    [Fact]
    public void ToleratesLineBreaksAndSpacesInThePayload()
    {
        var data = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var wrapped = Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n ");
        DataUri.Parse("data:image/png;base64," + wrapped, 1000).Value.Data.Should().Equal(data);
    }

    [Fact]
    public void ChecksTheLimitBeforeDecoding()
    {
        // 4 MB of 'A' decodes to 3 MB; the limit is 1 MB: refused from the length alone.
        var uri = "data:image/png;base64," + new string('A', 4 * 1024 * 1024);
        var failure = DataUri.Parse(uri, 1024 * 1024).Failure!;
        failure.Code.Should().Be("file.too_large");
        failure.Kind.Should().Be(FailureKind.TooLarge);
    }

    [Fact]
    public void AcceptsAPayloadExactlyAtTheLimit() =>
        DataUri.Parse(Uri(new byte[300]), 300).IsSuccess.Should().BeTrue();

    [Fact]
    public void RefusesAPayloadOneByteOverTheLimit() =>
        DataUri.Parse(Uri(new byte[301]), 300).Failure!.Code.Should().Be("file.too_large");

    [Theory]
    [InlineData("image/png;base64,AAAA")]
    [InlineData("data:image/png,AAAA")]
    [InlineData("data:image/png;charset=utf-8,AAAA")]
    [InlineData("data:image/png;base64AAAA")]
    [InlineData("data:image/png;base64,AA-A")]
    [InlineData("data:image/png;base64,AA_A")]
    [InlineData("data:image/png;base64,AA*A")]
    [InlineData("data:image/png;base64,AAA")]
    [InlineData("data:image/png;base64,AAAAA")]
    [InlineData("data:image/png;base64,A===")]
    [InlineData("data:image/png;base64,AA=A")]
    [InlineData("data:image/png;base64,AA==AAAA")]
    [InlineData("data:image/png;base64,AAAA%3D")]
    public void RefusesMalformedDataUris(string uri) =>
        DataUri.Parse(uri, 1000).Failure!.Code.Should().Be("file.invalid_data_uri");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("data:image/png;base64,")]
    [InlineData("data:image/png;base64,  \n ")]
    public void RefusesEmptyFiles(string? uri) => DataUri.Parse(uri, 1000).Failure!.Code.Should().Be("file.empty");

    [Fact]
    public void InspectsADecodedFile()
    {
        var (content, inspection) = FileInspector.InspectDataUri(Uri(FileTests.Png(640, 480))).Value;
        content.MediaType.Should().Be("image/png");
        inspection.Width.Should().Be(640);
    }

    [Fact]
    public void RefusesADataUriWhoseDeclaredTypeContradictsItsBytes() =>
        FileInspector.InspectDataUri(Uri(FileTests.Png(1, 1), "application/pdf")).Failure!.Code.Should().Be("file.media_type_mismatch");
}
