using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Reference).HasMaxLength(32).IsRequired();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Custody).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.NextHearingType).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.CourtCode).HasMaxLength(16).IsRequired();
        builder.Property(c => c.HearingLocation).HasMaxLength(200);
        builder.Property(c => c.PrimaryLanguage).HasMaxLength(3).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(128).IsRequired();
        builder.SealedTextProperty(c => c.DeclineReason, 1000); // sealed under the case's data key (Security/SealedText.cs)
        builder.PrimitiveCollection(c => c.ReliefSought);
        builder.OwnsMany(c => c.Languages, l => l.ToJson());
        builder.HasIndex(c => new { c.OrganisationId, c.OfficeId, c.Status, c.CreatedAtUtc });
        // The intake queue's default order (newest first, then id), for the organisation and for one office: the first
        // page is read from the index instead of sorting every case (measured: 32 ms a page at 24,000 cases without).
        builder.HasIndex(c => new { c.OrganisationId, c.CreatedAtUtc, c.Id }, "IX_Cases_Queue").IsDescending(false, true, false);
        builder.HasIndex(c => new { c.OrganisationId, c.OfficeId, c.CreatedAtUtc, c.Id }, "IX_Cases_OfficeQueue").IsDescending(false, false, true, false);
        builder.Property(c => c.Protection).HasConversion<string>().HasMaxLength(16).HasDefaultValue(CaseProtection.None);
        // The few protected cases of an organisation, read by the reports to leave them out (a partial index: tiny).
        builder.HasIndex(c => new { c.OrganisationId, c.Protection }, "IX_Cases_Protected").HasFilter("\"Protection\" <> 'None'");
        builder.Ignore(c => c.IsProtected);
    }
}

internal sealed class ConflictCheckConfiguration : IEntityTypeConfiguration<ConflictCheck>
{
    public void Configure(EntityTypeBuilder<ConflictCheck> builder)
    {
        builder.ToTable("ConflictChecks");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PerformedBy).HasMaxLength(128).IsRequired();
        builder.HasIndex(c => c.CaseId);
        builder.HasMany(c => c.Matches).WithOne().HasForeignKey(m => m.ConflictCheckId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Matches).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConflictMatchConfiguration : IEntityTypeConfiguration<ConflictMatch>
{
    public void Configure(EntityTypeBuilder<ConflictMatch> builder)
    {
        builder.ToTable("ConflictMatches");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MatchedFor).HasMaxLength(64).IsRequired();
        builder.Property(m => m.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Decision).HasConversion<string>().HasMaxLength(16);
        builder.SealedTextProperty(m => m.DecisionReason, 2000); // sealed under the case's data key (Security/SealedText.cs)
        builder.Property(m => m.DecidedBy).HasMaxLength(128);
        builder.PrimitiveCollection(m => m.Reasons);
        builder.HasOne<Party>().WithMany().HasForeignKey(m => m.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}
