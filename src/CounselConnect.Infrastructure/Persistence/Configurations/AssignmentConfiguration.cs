using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Ignore(a => a.IsActive);
        builder.Property(a => a.Method).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.EndKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.AssignedBy).HasMaxLength(128).IsRequired();
        builder.Property(a => a.EndedBy).HasMaxLength(128);
        // Sealed under the case's data key (Security/SealedText.cs).
        builder.SealedTextProperty(a => a.Note, 1000);
        builder.SealedTextProperty(a => a.EndReason, 1000);
        builder.HasIndex(a => new { a.CaseId, a.AssignedAtUtc });

        // At most one active assignment per case, even when two representatives accept at the same moment.
        builder.HasIndex(a => a.CaseId).IsUnique().HasFilter("\"EndedAtUtc\" IS NULL").HasDatabaseName("IX_Assignments_CaseId_Active");
        builder.HasIndex(a => new { a.RepresentativeId, a.EndedAtUtc });
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepresentativeProfile>().WithMany().HasForeignKey(a => a.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartyNameDisclosureConfiguration : IEntityTypeConfiguration<PartyNameDisclosure>
{
    public void Configure(EntityTypeBuilder<PartyNameDisclosure> builder)
    {
        builder.ToTable("PartyNameDisclosures");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.HasIndex(d => new { d.CaseId, d.RepresentativeId });
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RepresentativeProfile>().WithMany().HasForeignKey(d => d.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlacementProposalConfiguration : IEntityTypeConfiguration<PlacementProposal>
{
    public void Configure(EntityTypeBuilder<PlacementProposal> builder)
    {
        builder.ToTable("PlacementProposals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.CreatedBy).HasMaxLength(128).IsRequired();
        builder.Property(p => p.ConfirmedBy).HasMaxLength(128);
        builder.OwnsMany(p => p.Placements, x => x.ToJson());
        builder.PrimitiveCollection(p => p.UnplacedCaseIds);
        builder.Property(p => p.RunState).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.FailureReason).HasMaxLength(200);
        builder.PrimitiveCollection(p => p.RequestedCaseIds);
        builder.PrimitiveCollection(p => p.RequestedRepresentativeIds);
        builder.HasIndex(p => new { p.OrganisationId, p.CreatedAtUtc });
    }
}
