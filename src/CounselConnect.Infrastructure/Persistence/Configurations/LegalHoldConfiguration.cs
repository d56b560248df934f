using CounselConnect.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> builder)
    {
        builder.ToTable("LegalHolds");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Reason).HasMaxLength(LegalHold.ReasonMaxLength).IsRequired();
        builder.Property(h => h.PlacedBy).HasMaxLength(128).IsRequired();
        builder.Property(h => h.ReleasedBy).HasMaxLength(128);
        builder.Ignore(h => h.InForce);
        builder.HasIndex(h => new { h.CaseId, h.ReleasedAtUtc });
    }
}
