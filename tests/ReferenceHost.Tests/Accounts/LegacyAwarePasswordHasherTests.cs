using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReferenceHost.Accounts;

namespace ReferenceHost.Tests.Accounts;

public sealed class LegacyAwarePasswordHasherTests
{
    // Written by the library's PasswordHasher.Hash("an old but long password", 100_000) at commit 682dd3b.
    private const string LegacyHash = "v1$100000$YJ3kz+0BFcLfSNKPwpQQ+Q==$zbomwesXhLPwn5guwhCQ+OZslIMAtB4GGIgbMvPJbiM=";
    private readonly LegacyAwarePasswordHasher _hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
    private readonly AnalystAccount _account = new();

    [Fact]
    public void AcceptsALegacyHashAndAsksForARehash() =>
        _hasher.VerifyHashedPassword(_account, LegacyHash, "an old but long password").Should().Be(PasswordVerificationResult.SuccessRehashNeeded);

    [Fact]
    public void RefusesAWrongPasswordForALegacyHash() =>
        _hasher.VerifyHashedPassword(_account, LegacyHash, "an old but long passworD").Should().Be(PasswordVerificationResult.Failed);

    [Theory]
    [InlineData("v1$100000$YJ3kz+0BFcLfSNKPwpQQ+Q==")]
    [InlineData("v1$0$YJ3kz+0BFcLfSNKPwpQQ+Q==$zbomwesXhLPwn5guwhCQ+OZslIMAtB4GGIgbMvPJbiM=")]
    [InlineData("v1$100000$not base64!$zbomwesXhLPwn5guwhCQ+OZslIMAtB4GGIgbMvPJbiM=")]
    [InlineData("v1$100000$YJ3kz+0BFcLfSNKPwpQQ+Q==$")]
    [InlineData("v2$100000$YJ3kz+0BFcLfSNKPwpQQ+Q==$zbomwesXhLPwn5guwhCQ+OZslIMAtB4GGIgbMvPJbiM=")]
    public void NeverAcceptsAMalformedHash(string hash) =>
        _hasher.VerifyHashedPassword(_account, hash, "an old but long password").Should().Be(PasswordVerificationResult.Failed);

    [Fact]
    public void WritesIdentityHashesThatVerifyWithoutARehash()
    {
        var hash = _hasher.HashPassword(_account, "a brand new password");

        hash.Should().NotStartWith("v1$");
        _hasher.VerifyHashedPassword(_account, hash, "a brand new password").Should().Be(PasswordVerificationResult.Success);
        _hasher.VerifyHashedPassword(_account, hash, "another password!!").Should().Be(PasswordVerificationResult.Failed);
    }
}
