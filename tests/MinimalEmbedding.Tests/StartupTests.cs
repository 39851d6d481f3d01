using Microsoft.Extensions.Options;

namespace MinimalEmbedding.Tests;

public sealed class StartupTests
{
    [Fact]
    public void RefusesToStartWithoutAMasterKey()
    {
        using var app = new EmbeddingApp { MasterKey = string.Empty };

        var start = () => app.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Verification:Protection:MasterKeys");
    }
}
