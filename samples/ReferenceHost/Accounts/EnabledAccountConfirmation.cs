using Microsoft.AspNetCore.Identity;

namespace ReferenceHost.Accounts;

/// <summary>
/// Identity asks this before any sign-in (<c>SignIn.RequireConfirmedAccount</c>): a disabled account is refused like a
/// wrong password.
/// </summary>
internal sealed class EnabledAccountConfirmation : IUserConfirmation<AnalystAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<AnalystAccount> manager, AnalystAccount user) => Task.FromResult(user.Enabled);
}
