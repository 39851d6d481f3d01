using Microsoft.Extensions.Options;

namespace Verification.Core.ServiceAccounts;

/// <summary>The key ring of <see cref="TokenSigningOptions.Keys"/>, built once.</summary>
public sealed class ConfiguredTokenSigningKeyProvider : ITokenSigningKeyProvider
{
    private readonly Lazy<TokenKeyRing> _ring;

    /// <summary>Creates the provider; the keys are read on first use.</summary>
    public ConfiguredTokenSigningKeyProvider(IOptions<TokenSigningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new Lazy<TokenKeyRing>(() => Build(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public ValueTask<TokenKeyRing> GetKeyRingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_ring.Value);

    /// <summary>Builds a ring from options; throws when they are invalid (start-up validation reports them first).</summary>
    internal static TokenKeyRing Build(TokenSigningOptions options)
    {
        var configured = options.Keys ?? [];
        if (configured.Count == 0)
        {
            throw new InvalidOperationException($"{TokenSigningOptions.SectionName}:Keys holds no signing key.");
        }

        var currentOptions = configured.Count == 1 ? configured[0] : configured.Single(k => k.Current);
        TokenSigningKey? current = null;
        var others = new List<TokenSigningKey>();
        foreach (var keyOptions in configured)
        {
            var isCurrent = ReferenceEquals(keyOptions, currentOptions);
            var key = TokenSigningKeyMaterial.TryCreate(keyOptions, isCurrent, out var error)
                      ?? throw new InvalidOperationException($"{TokenSigningOptions.SectionName}:Keys '{keyOptions.KeyId}': {error}");
            var ringKey = new TokenSigningKey(keyOptions.KeyId, keyOptions.Algorithm, key);
            if (isCurrent)
            {
                current = ringKey;
            }
            else
            {
                others.Add(ringKey);
            }
        }

        return new TokenKeyRing(current!, others);
    }
}
