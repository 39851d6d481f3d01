using Microsoft.Extensions.Options;

namespace Verification.Core.ServiceAccounts;

/// <summary>Validates <see cref="TokenSigningOptions"/> at start-up, naming the faulty setting.</summary>
internal sealed class TokenSigningOptionsValidator : IValidateOptions<TokenSigningOptions>
{
    private const string Section = TokenSigningOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TokenSigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            errors.Add($"{Section}:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{Section}:Audience must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Section}:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (options.RecordCacheDuration < TimeSpan.Zero || options.RecordCacheDuration >= TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:RecordCacheDuration must be at least 0 and below 1 second, so a disabled token is refused everywhere within a second.");
        }

        if (options.LastUsedResolution < TimeSpan.Zero || options.LastUsedResolution > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:LastUsedResolution must be between 00:00:00 and 01:00:00.");
        }

        ValidateKeys(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateKeys(TokenSigningOptions options, List<string> errors)
    {
        var keys = options.Keys ?? [];
        if (keys.Count == 0)
        {
            if (!options.ExternalKeyProvider)
            {
                errors.Add($"{Section}:Keys must hold at least one signing key (or set {Section}:ExternalKeyProvider when the host supplies the keys).");
            }

            return;
        }

        ValidateRing(Section, keys, k => k.KeyId, k => k.Current, (key, path, isCurrent) =>
        {
            if (!TokenSigningAlgorithms.IsSupported(key.Algorithm))
            {
                errors.Add($"{path}:Algorithm must be one of {string.Join(", ", TokenSigningAlgorithms.All)}.");
                return;
            }

            if (TokenSigningKeyMaterial.TryCreate(key, isCurrent, out var error) is null)
            {
                var setting = key.Algorithm == TokenSigningAlgorithms.HS256 && string.IsNullOrWhiteSpace(key.Pem) ? "Secret" : "Pem";
                errors.Add($"{path}:{setting}: {error}");
            }
        }, errors);
    }

    /// <summary>
    /// The rules every key ring shares (token and certificate keys): exactly one key marked current when there are
    /// several, key ids well formed and unique; then <paramref name="validateKey"/> checks each key's material,
    /// told its configuration path and whether it signs.
    /// </summary>
    internal static void ValidateRing<T>(string section, IReadOnlyList<T?> keys, Func<T, string?> keyId, Func<T, bool> current, Action<T, string, bool> validateKey, List<string> errors)
        where T : class
    {
        var currentCount = keys.Count(k => k is not null && current(k));
        if (currentCount > 1 || (currentCount == 0 && keys.Count > 1))
        {
            errors.Add($"{section}:Keys must mark exactly one key as Current (found {currentCount}).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var path = $"{section}:Keys:{i}";
            if (key is null)
            {
                errors.Add($"{path} must not be empty.");
                continue;
            }

            var id = keyId(key);
            if (!IsValidKeyId(id))
            {
                errors.Add($"{path}:KeyId must be 1 to 64 characters of A-Z a-z 0-9 . _ -.");
            }
            else if (!ids.Add(id!))
            {
                errors.Add($"{path}:KeyId '{id}' is used by another key.");
            }

            validateKey(key, path, current(key) || keys.Count == 1);
        }
    }

    internal static bool IsValidKeyId(string? keyId) =>
        !string.IsNullOrEmpty(keyId) && keyId.Length <= 64
        && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
