using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using CounselConnect.Infrastructure.Security;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("Parties");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Role).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ExternalId).HasMaxLength(128);
        builder.Property(p => p.CaseReference).HasMaxLength(64);
        // Personal fields are never stored in clear: see Security/ProtectedData.cs.
        builder.Ignore(p => p.GivenNames);
        builder.Ignore(p => p.FamilyNames);
        builder.Ignore(p => p.Aliases);
        builder.Ignore(p => p.DateOfBirth);
        builder.Ignore(p => p.ANumber);
        builder.Ignore(p => p.IsErased);
        builder.Property<byte[]>(ProtectedData.ProtectedProperty).IsRequired();
        builder.Property<Guid>(ProtectedData.DataKeyIdProperty);
        builder.Property<string?>(ProtectedData.ANumberIndexProperty).HasMaxLength(64);
        builder.HasIndex(ProtectedData.ANumberIndexProperty);
        builder.HasIndex(ProtectedData.DataKeyIdProperty);
        builder.HasIndex(p => new { p.OrganisationId, p.ExternalId }).IsUnique();
        builder.HasIndex(p => p.CaseId);
    }
}

internal sealed class PartyChangeConfiguration : IEntityTypeConfiguration<PartyChange>
{
    public void Configure(EntityTypeBuilder<PartyChange> builder)
    {
        builder.ToTable("PartyChanges");
        builder.HasKey(c => c.Seq);
        builder.Property(c => c.Seq).ValueGeneratedOnAdd();
    }
}

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> builder)
    {
        builder.ToTable("DataKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.WrappedKey).IsRequired();
        builder.Property(k => k.MasterKeyId).HasMaxLength(64).IsRequired();
        builder.Ignore(k => k.IsDestroyed);
        builder.HasIndex(k => k.ScopeId);
        // The key rotation takes batches of keys still under an old master key, and counts keys per master key.
        builder.HasIndex(k => new { k.MasterKeyId, k.Id });
    }
}
