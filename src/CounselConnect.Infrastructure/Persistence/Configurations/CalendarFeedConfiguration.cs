using CounselConnect.Domain.Calendars;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.UserSubject).HasMaxLength(128).IsRequired();
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => f.UserSubject);
    }
}
