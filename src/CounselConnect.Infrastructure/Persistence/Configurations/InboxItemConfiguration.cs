using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Inbox;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class InboxItemConfiguration : IEntityTypeConfiguration<InboxItem>
{
    public void Configure(EntityTypeBuilder<InboxItem> builder)
    {
        builder.ToTable("InboxItems");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.CourtCode).HasMaxLength(16).IsRequired();
        builder.Property(i => i.HearingLocation).HasMaxLength(200);
        builder.Property(i => i.PrimaryLanguage).HasMaxLength(3).IsRequired();
        builder.Property(i => i.Custody).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.NextHearingType).HasConversion<string>().HasMaxLength(32);
        builder.PrimitiveCollection(i => i.ReliefSought);

        // One item per representative and opening of a case: a job run twice stores nothing new.
        builder.HasIndex(i => new { i.RepresentativeId, i.CaseId, i.CaseOpenedAtUtc }).IsUnique();
        builder.HasIndex(i => new { i.RepresentativeId, i.CreatedAtUtc });
        builder.HasOne<RepresentativeProfile>().WithMany().HasForeignKey(i => i.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
