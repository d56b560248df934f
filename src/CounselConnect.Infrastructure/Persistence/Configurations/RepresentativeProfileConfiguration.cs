using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class RepresentativeProfileConfiguration : IEntityTypeConfiguration<RepresentativeProfile>
{
    public void Configure(EntityTypeBuilder<RepresentativeProfile> builder)
    {
        builder.ToTable("RepresentativeProfiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.UserSubject).HasMaxLength(128).IsRequired();
        builder.HasIndex(p => p.UserSubject).IsUnique();
        builder.HasIndex(p => p.OrganisationId);
        builder.Property(p => p.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.RecognisedOrganisation).HasMaxLength(200);
        builder.Property(p => p.EoirId).HasMaxLength(32);
        builder.Property(p => p.Revision).IsConcurrencyToken();

        // Covers the matching facts cache's stamp query (count and sum of Revision per organisation) without reading rows.
        builder.HasIndex(p => new { p.OrganisationId, p.Revision });
        builder.PrimitiveCollection(p => p.Courts);
        builder.OwnsMany(p => p.BarAdmissions, b => b.ToJson());
        builder.OwnsMany(p => p.Languages, l =>
        {
            l.ToJson();
            l.Property(x => x.Proficiency).HasConversion<string>();
        });
        builder.OwnsMany(p => p.ReliefExperience, r =>
        {
            r.ToJson();
            r.Property(x => x.Relief).HasConversion<string>();
            r.Property(x => x.Level).HasConversion<string>();
        });
        builder.OwnsMany(p => p.Unavailability, u => u.ToJson());
    }
}
