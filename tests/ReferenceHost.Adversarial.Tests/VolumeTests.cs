namespace ReferenceHost.Adversarial.Tests;

/// <summary>The host with a small per-token budget: 5 requests of burst, 1 per second after.</summary>
public sealed class ThrottledHostFactory : HostileHostFactory
{
    protected override string PermitsPerSecond => "1";

    protected override string Burst => "5";
}

/// <summary>A burst from one token is throttled with a 429 problem while another token is unaffected.</summary>
public sealed class VolumeTests(ThrottledHostFactory factory) : IClassFixture<ThrottledHostFactory>
{
    [Fact]
    public async Task ThrottlesABurstFromOneTokenWithoutAffectingAnother()
    {
        var (_, noisy) = await factory.MintAsync("verifications:read:metadata");
        var (_, quiet) = await factory.MintAsync("verifications:read:metadata");
        using var noisyClient = factory.ClientWithToken(noisy);
        using var quietClient = factory.ClientWithToken(quiet);

        var burst = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await noisyClient.GetAsync("/api/v1/verifications?limit=1");
            return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers);
        }));
        using var other = await quietClient.GetAsync("/api/v1/verifications?limit=1");

        burst.Count(r => r.Status == 200).Should().BeInRange(1, 10, "the burst allows 5, plus what refills while it runs");
        var throttled = burst.Where(r => r.Status == 429).ToList();
        throttled.Should().HaveCountGreaterThanOrEqualTo(30);
        burst.Should().OnlyContain(r => r.Status == 200 || r.Status == 429);
        foreach (var reply in throttled)
        {
            Expect.Problem(reply, [429], "rate_limit.exceeded");
            reply.Headers.RetryAfter.Should().NotBeNull();
        }

        ((int)other.StatusCode).Should().Be(200, "another token has its own budget");
    }
}
