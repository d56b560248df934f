using CounselConnect.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class BreakGlassGrantConfiguration : IEntityTypeConfiguration<BreakGlassGrant>
{
    public void Configure(EntityTypeBuilder<BreakGlassGrant> builder)
    {
        builder.ToTable("BreakGlassGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.GrantedTo).HasMaxLength(128).IsRequired();
        builder.Property(g => g.Reason).HasMaxLength(BreakGlassGrant.ReasonMaxLength).IsRequired();
        builder.HasIndex(g => new { g.CaseId, g.GrantedTo, g.ExpiresAtUtc });
        builder.HasIndex(g => new { g.OrganisationId, g.GrantedAtUtc });
    }
}
