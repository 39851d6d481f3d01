using System.Security.Cryptography;
using Verification.Reading.Tesseract.Tests.Specimens;

namespace Verification.Reading.Tesseract.Tests;

public sealed class SpecimenGeneratorTests
{
    [Fact]
    public async Task GeneratesTheSamePhotoForTheSameSeedOnAnyRun()
    {
        var folders = new[] { Directory.CreateTempSubdirectory("verification-determinism-"), Directory.CreateTempSubdirectory("verification-determinism-") };
        try
        {
            // A noisy, blurred specimen: the noise is what an unseeded generator would change.
            var first = await new SpecimenGenerator(folders[0].FullName).IdentityAsync(13, IdentityKind.Td1, CancellationToken.None);
            var second = await new SpecimenGenerator(folders[1].FullName).IdentityAsync(13, IdentityKind.Td1, CancellationToken.None);

            second.Lines.Should().Equal(first.Lines);
            SHA256.HashData(await File.ReadAllBytesAsync(second.Path)).Should().Equal(SHA256.HashData(await File.ReadAllBytesAsync(first.Path)));
        }
        finally
        {
            foreach (var folder in folders)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public async Task GeneratesTheSameZoneOnAnyDay()
    {
        var folder = Directory.CreateTempSubdirectory("verification-determinism-");
        try
        {
            var specimen = await new SpecimenGenerator(folder.FullName).IdentityAsync(0, IdentityKind.Td3, CancellationToken.None);

            // Dates count from the reference day: the zone of seed 0 is the same whatever the day of the run.
            specimen.Lines.Should().Equal("P<BELMAYER<<MADELYN<<<<<<<<<<<<<<<<<<<<<<<<<", "TL13084772BEL6008031M2507042<<<<<<<<<<<<<<<0");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
