using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedOnAdd();
        builder.Property(a => a.Actor).HasMaxLength(128).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.FieldCategory).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Route).HasMaxLength(200);
        builder.HasIndex(a => a.AtUtc);
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsRequired();
        // Position 0 means "not chained yet" (ADR 0015): many rows share it, so the uniqueness covers linked rows only,
        // and a small index finds the rows the chainer still has to link.
        builder.HasIndex(a => new { a.OrganisationId, a.Sequence }).IsUnique().HasFilter("\"Sequence\" > 0");
        builder.HasIndex(a => new { a.OrganisationId, a.Id }, "IX_AuditEntries_Unchained").HasFilter("\"Sequence\" = 0");
        builder.HasIndex(a => new { a.OrganisationId, a.AtUtc });
    }
}

internal sealed class PartyImportConfiguration : IEntityTypeConfiguration<PartyImport>
{
    public void Configure(EntityTypeBuilder<PartyImport> builder)
    {
        builder.ToTable("PartyImports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.FileName).HasMaxLength(260).IsRequired();
        builder.Property(i => i.RequestedBy).HasMaxLength(128).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.FailureReason).HasMaxLength(1000);
        builder.OwnsMany(i => i.Errors, e => e.ToJson());
        builder.Navigation(i => i.Errors).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> builder)
    {
        builder.ToTable("ImportFiles");
        builder.HasKey(f => f.ImportId);
        builder.Property(f => f.Content).IsRequired();
        // The data key sealing Content (Imports/ImportFileStore.cs); null only on files stored in clear by earlier releases.
        builder.Property<Guid?>(Imports.ImportFileStore.DataKeyIdProperty);
    }
}
