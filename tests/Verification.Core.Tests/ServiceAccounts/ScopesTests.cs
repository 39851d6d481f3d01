using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class ScopesTests
{
    [Theory]
    [InlineData(new string[0], ReadLevel.None)]
    [InlineData(new[] { "documents:submit", "admin" }, ReadLevel.None)]
    [InlineData(new[] { "verifications:read:metadata" }, ReadLevel.Metadata)]
    [InlineData(new[] { "verifications:read:attributes" }, ReadLevel.Attributes)]
    [InlineData(new[] { "verifications:read:pictures" }, ReadLevel.Pictures)]
    [InlineData(new[] { "verifications:read:pictures", "verifications:read:metadata" }, ReadLevel.Pictures)]
    [InlineData(new[] { "verifications:read:metadata", "verifications:read:attributes" }, ReadLevel.Attributes)]
    [InlineData(new[] { "VERIFICATIONS:READ:PICTURES" }, ReadLevel.None)]
    public void AnswersTheHighestReadLevel(string[] scopes, ReadLevel expected)
    {
        Scopes.HighestReadLevel(scopes).Should().Be(expected);
    }

    [Fact]
    public void ReadLevelsIncludeTheLowerOnes()
    {
        var principal = new ServiceTokenPrincipal("t", "u", "n", "vkyc", "k", [Scopes.ReadAttributes], null, null);

        principal.CanRead(ReadLevel.Metadata).Should().BeTrue();
        principal.CanRead(ReadLevel.Attributes).Should().BeTrue();
        principal.CanRead(ReadLevel.Pictures).Should().BeFalse();
    }

    [Fact]
    public void ValidatesToDistinctScopesInCanonicalOrder()
    {
        var outcome = Scopes.Validate(["admin", "documents:submit", " admin ", "verifications:review"]);

        outcome.Value.Should().Equal("documents:submit", "verifications:review", "admin");
    }

    [Theory]
    [InlineData(new string[0], "none")]
    [InlineData(new[] { "documents:submit", "documents:delete" }, "unknown")]
    [InlineData(new[] { "Admin" }, "case")]
    [InlineData(new[] { "" }, "blank")]
    public void RefusesEmptyOrUnknownScopes(string[] scopes, string why)
    {
        Scopes.Validate(scopes).Failure!.Code.Should().Be("token.invalid_scope", why);
    }

    [Fact]
    public void RefusesANullScopeList()
    {
        Scopes.Validate(null).Failure!.Code.Should().Be("token.invalid_scope");
    }

    [Theory]
    [InlineData("documents:submit,verifications:read:metadata")]
    [InlineData("documents:submit verifications:read:metadata")]
    [InlineData(" verifications:read:metadata , documents:submit ")]
    public void ParsesCommandLineAndClaimScopeLists(string text)
    {
        Scopes.Parse(text).Value.Should().Equal(Scopes.DocumentsSubmit, Scopes.ReadMetadata);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("documents:submit,root")]
    public void RefusesUnparsableScopeLists(string? text)
    {
        Scopes.Parse(text).Failure!.Code.Should().Be("token.invalid_scope");
    }

    [Fact]
    public void RefusesAnOverlongScopeList()
    {
        Scopes.Parse(string.Join(',', Enumerable.Repeat(Scopes.Admin, 300))).Failure!.Code.Should().Be("token.invalid_scope");
    }

    [Fact]
    public void KnowsExactlyTheContractScopes()
    {
        Scopes.All.Should().Equal(
            "documents:submit", "verifications:read:metadata", "verifications:read:attributes", "verifications:read:pictures",
            "verifications:review", "verifications:archive", "admin");
        Scopes.IsKnown("admin").Should().BeTrue();
        Scopes.IsKnown("verifications:read").Should().BeFalse();
        Scopes.Join([Scopes.Admin, Scopes.Review]).Should().Be("admin verifications:review");
        Scopes.Allows([Scopes.Admin], Scopes.Admin).Should().BeTrue();
        Scopes.Allows([Scopes.Admin], Scopes.Review).Should().BeFalse();
    }
}
