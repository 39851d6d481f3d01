using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookSigningSecretsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ANewSetSignsWithItsCurrentSecretOnly()
    {
        var current = WebhookSecret.Generate();

        new WebhookSigningSecrets(current).ActiveAt(Now).Should().Equal(current);
    }

    [Fact]
    public void RotationKeepsTheOldSecretUntilTheGracePeriodEnds()
    {
        var old = WebhookSecret.Generate();
        var next = WebhookSecret.Generate();

        var rotated = new WebhookSigningSecrets(old).Rotate(next, Now, TimeSpan.FromDays(1));

        rotated.Current.Should().BeSameAs(next);
        rotated.Previous.Should().BeSameAs(old);
        rotated.PreviousExpiresAt.Should().Be(Now.AddDays(1));
        rotated.ActiveAt(Now).Should().Equal(next, old);
        rotated.ActiveAt(Now.AddDays(1).AddTicks(-1)).Should().Equal(next, old);
        rotated.ActiveAt(Now.AddDays(1)).Should().Equal(next);
    }

    [Fact]
    public void RotatingTwiceDropsTheOldestSecret()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();
        var third = WebhookSecret.Generate();

        var rotated = new WebhookSigningSecrets(first)
            .Rotate(second, Now, TimeSpan.FromDays(1))
            .Rotate(third, Now.AddHours(1), TimeSpan.FromDays(1));

        rotated.ActiveAt(Now.AddHours(1)).Should().Equal(third, second);
    }

    [Fact]
    public void RotationWithoutGracePeriodReplacesTheSecretAtOnce()
    {
        var next = WebhookSecret.Generate();

        var rotated = new WebhookSigningSecrets(WebhookSecret.Generate()).Rotate(next, Now, TimeSpan.Zero);

        rotated.Previous.Should().BeNull();
        rotated.ActiveAt(Now).Should().Equal(next);
    }

    [Fact]
    public void RefusesANegativeGracePeriod()
    {
        var rotate = () => new WebhookSigningSecrets(WebhookSecret.Generate()).Rotate(WebhookSecret.Generate(), Now, TimeSpan.FromSeconds(-1));

        rotate.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void RefusesAPreviousSecretWithoutExpiry()
    {
        var create = () => new WebhookSigningSecrets(WebhookSecret.Generate(), WebhookSecret.Generate(), null);

        create.Should().Throw<ArgumentException>();
    }
}
