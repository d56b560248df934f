using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        builder.Property(p => p.GivenNames).HasMaxLength(400).IsRequired();
        builder.PrimitiveCollection(p => p.FamilyNames);
        builder.PrimitiveCollection(p => p.Aliases);
        builder.Property(p => p.DateOfBirth).HasConversion(PersonConverters.PartialDate).HasMaxLength(10);
        builder.Property(p => p.ANumber).HasConversion(PersonConverters.ANumber).HasMaxLength(9);
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

internal static class PersonConverters
{
    public static readonly ValueConverter<PartialDate?, string?> PartialDate = new(
        d => d.HasValue ? d.Value.ToString() : null,
        s => s == null ? null : Domain.People.PartialDate.Parse(s));

    public static readonly ValueConverter<ANumber?, string?> ANumber = new(
        a => a.HasValue ? a.Value.Digits : null,
        s => s == null ? null : Domain.People.ANumber.Parse(s));
}
