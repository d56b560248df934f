using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>
/// Every <see cref="DateTime"/> property named <c>…Utc</c> is read back from the database as <see cref="DateTimeKind.Utc"/>.
/// SQLite (text) and SQL Server (<c>datetime2</c>) keep no kind, so without this a value read back had kind Unspecified
/// and the API wrote it without its <c>Z</c> (a legal hold's <c>placedAtUtc</c> had one on PUT and none on DELETE).
/// PostgreSQL's <c>timestamp with time zone</c> already reads as UTC; there the conversion changes nothing. What is
/// written is unchanged, so the stored values, the columns and the migrations stay as they are. Wall-clock times
/// (a hearing's local time at the court) are not named <c>…Utc</c> and keep their kind.
/// </summary>
internal static class UtcDateTimes
{
    private static readonly ValueConverter<DateTime, DateTime> ReadAsUtc =
        new(value => value, value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static void Apply(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
        {
            if ((property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
                && property.Name.EndsWith("Utc", StringComparison.Ordinal)
                && property.GetValueConverter() is null)
            {
                property.SetValueConverter(ReadAsUtc);
            }
        }
    }
}
