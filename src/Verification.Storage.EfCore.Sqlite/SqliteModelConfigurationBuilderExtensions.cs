using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Verification.Storage.EfCore;

/// <summary>The conventions the verification model needs on SQLite, for a host that brings its own SQLite context.</summary>
public static class SqliteModelConfigurationBuilderExtensions
{
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
