using Microsoft.Extensions.Options;

namespace Verification.Core.Protection;

/// <summary>
/// Protection of personal data at rest, bound to <c>Verification:Protection</c>. Example:
/// <code>
/// "Protection": { "CurrentMasterKey": "2026-11", "MasterKeys": { "2026-11": "&lt;base64 of 32 random bytes&gt;" } }
/// </code>
/// To rotate, add a new key, make it current and keep the old one until every verification wrapped under it
/// has been re-wrapped (see <see cref="VerificationProtector.RewrapDataKey"/>) or archived.
/// </summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Protection";

    /// <summary>Master keys by id, each the base64 of 32 random bytes.</summary>
    public Dictionary<string, string> MasterKeys { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The id of the key that wraps new data keys; may be left out when there is one key.</summary>
    public string? CurrentMasterKey { get; set; }

    /// <summary>
    /// Without configured keys, use one random key held in memory (tests and in-memory demos only: nothing it
    /// protected can be read after a restart). Set by <c>UseInMemoryStores()</c>; default <see langword="false"/>.
    /// </summary>
    public bool EphemeralKey { get; set; }
}

/// <summary>Validates <see cref="ProtectionOptions"/> at start, so a host never runs without a usable master key.</summary>
internal sealed class ProtectionOptionsValidator : IValidateOptions<ProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        var errors = new List<string>();
        if (options.MasterKeys.Count == 0 && options.EphemeralKey)
        {
            return ValidateOptionsResult.Success;
        }

        if (options.MasterKeys.Count == 0)
        {
            errors.Add($"{ProtectionOptions.SectionName}:MasterKeys holds no key: personal data cannot be encrypted at rest. Configure a key (base64 of 32 random bytes), or use an ephemeral key for tests only.");
        }

        foreach (var (id, value) in options.MasterKeys)
        {
            if (ConfiguredMasterKeyProvider.TryDecode(id, value) is null)
            {
                errors.Add($"{ProtectionOptions.SectionName}:MasterKeys:{id} must be the base64 of exactly 32 bytes, with an id of 1 to 64 characters.");
            }
        }

        if (options.MasterKeys.Count > 1 && (options.CurrentMasterKey is null || !options.MasterKeys.ContainsKey(options.CurrentMasterKey)))
        {
            errors.Add($"{ProtectionOptions.SectionName}:CurrentMasterKey must name one of the configured keys when there are several.");
        }
        else if (options.CurrentMasterKey is { } current && options.MasterKeys.Count == 1 && !options.MasterKeys.ContainsKey(current))
        {
            errors.Add($"{ProtectionOptions.SectionName}:CurrentMasterKey '{current}' is not configured.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
