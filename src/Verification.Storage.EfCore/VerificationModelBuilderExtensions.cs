using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
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

    /// <summary>
    /// SQLite cannot compare or order <see cref="DateTimeOffset"/> values in SQL; this stores them as UTC
    /// ticks (an integer), so filters such as "updated since" run in the database.
    /// </summary>
    public static ModelConfigurationBuilder UseVerificationSqliteConventions(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        return configurationBuilder;
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
