using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReferenceHost.Accounts;

/// <summary>
/// Identity's password hasher, which also accepts the hashes the library wrote before accounts moved to Identity
/// (<c>v1$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 PBKDF2-HMAC-SHA256&gt;</c>): a matching legacy hash answers
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>, so <see cref="UserManager{TUser}"/> stores an
/// Identity hash at that sign-in and the legacy format disappears account by account.
/// </summary>
public sealed class LegacyAwarePasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<AnalystAccount>
{
    private const string LegacyPrefix = "v1$";
    private readonly PasswordHasher<AnalystAccount> _identity = new(options);

    /// <inheritdoc />
    public string HashPassword(AnalystAccount user, string password) => _identity.HashPassword(user, password);

    /// <inheritdoc />
    public PasswordVerificationResult VerifyHashedPassword(AnalystAccount user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(hashedPassword);
        ArgumentNullException.ThrowIfNull(providedPassword);
        if (!hashedPassword.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            try
            {
                return _identity.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
            catch (FormatException)
            {
                // Identity throws on a stored hash that is not base64; a malformed hash never matches, like a legacy one.
                return PasswordVerificationResult.Failed;
            }
        }

        return VerifyLegacy(hashedPassword, providedPassword) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Failed;
    }

    /// <summary>Whether <paramref name="password"/> matches a legacy <c>v1$</c> hash; a malformed hash never matches.</summary>
    internal static bool VerifyLegacy(string encodedHash, string password)
    {
        var parts = encodedHash.Split('$');
        if (parts.Length != 4 || parts[0] != "v1"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (expected.Length == 0)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
