using Microsoft.EntityFrameworkCore;
using Verification.Storage.EfCore.Configurations;

namespace Verification.Storage.EfCore;

/// <summary>Adds the verification model to any <see cref="DbContext"/>.</summary>
public static class VerificationModelBuilderExtensions
{
    /// <summary>Applies the verification entity mappings (tables <c>Verifications</c>, <c>Analyses</c>, ...).</summary>
    public static ModelBuilder ApplyVerificationModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder.ApplyConfigurationsFromAssembly(typeof(VerificationModelBuilderExtensions).Assembly);
    }
}
