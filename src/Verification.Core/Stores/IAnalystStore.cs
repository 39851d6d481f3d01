using Verification.Core.Analysts;

namespace Verification.Core.Stores;

/// <summary>Stores back-office accounts.</summary>
public interface IAnalystStore
{
    /// <summary>Finds an account by id.</summary>
    ValueTask<Analyst?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>Finds an account by normalised e-mail (<see cref="Analyst.Normalize"/>).</summary>
    ValueTask<Analyst?> FindByEmailAsync(string tenantId, string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Creates an account; a conflict (<c>analyst.email_taken</c>) when the e-mail is taken in the tenant.</summary>
    ValueTask<Outcome<Analyst>> CreateAsync(Analyst analyst, CancellationToken cancellationToken);

    /// <summary>Saves changes to an account; not found when it is gone.</summary>
    ValueTask<Outcome<Analyst>> UpdateAsync(Analyst analyst, CancellationToken cancellationToken);

    /// <summary>Lists a tenant's accounts by e-mail.</summary>
    IAsyncEnumerable<Analyst> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>How many accounts a tenant has.</summary>
    ValueTask<long> CountAsync(string tenantId, CancellationToken cancellationToken);
}
