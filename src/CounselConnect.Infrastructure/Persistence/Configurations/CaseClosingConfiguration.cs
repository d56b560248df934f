using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class CaseClosingConfiguration : IEntityTypeConfiguration<CaseClosing>
{
    public void Configure(EntityTypeBuilder<CaseClosing> builder)
    {
        builder.ToTable("CaseClosings");
        builder.Ignore(c => c.Id);
        builder.Ignore(c => c.IsRepresented);
        builder.HasKey(c => c.CaseId);
        builder.Property(c => c.CaseId).ValueGeneratedNever();
        builder.HasOne<Case>().WithOne().HasForeignKey<CaseClosing>(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.OutcomeGroup).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.ReliefGranted).HasConversion<string>().HasMaxLength(48);
        builder.Property(c => c.ClosingCode).HasConversion<string>().HasMaxLength(4);
        builder.Property(c => c.RepresentativeType).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Custody).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.PrimaryReliefSought).HasConversion<string>().HasMaxLength(48);
        builder.Property(c => c.Nationality).HasMaxLength(3);
        builder.Property(c => c.CourtCode).HasMaxLength(16).IsRequired();
        builder.Property(c => c.PrimaryLanguage).HasMaxLength(3).IsRequired();
        builder.Property(c => c.RecordedBy).HasMaxLength(128).IsRequired();
        builder.HasMany(c => c.FundingSources).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.FundingSources).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Each report filters by organisation and one date and groups on one column. Each index leads with the
        // organisation and the grouped column, so the engine reads the groups in order from the index alone (no
        // sort, no table lookups); the date and the counted column trail. Closings are entered by people, so
        // the write cost of these indexes is small.
        builder.HasIndex(c => new { c.OrganisationId, c.Custody, c.DaysToCounsel, c.IntakeDate, c.RepresentativeType })
            .HasDatabaseName("IX_CaseClosings_Org_Custody_Intake");
        builder.HasIndex(c => new { c.OrganisationId, c.Custody, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Custody_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.PrimaryReliefSought, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Relief_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.CourtCode, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Court_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.PrimaryLanguage, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Language_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.Nationality, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Nationality_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.RepresentativeType, c.DecisionDate, c.OutcomeGroup })
            .HasDatabaseName("IX_CaseClosings_Org_Representative_Decision");
        builder.HasIndex(c => new { c.OrganisationId, c.AttorneyId, c.CounselAssignedDate, c.DecisionDate })
            .HasDatabaseName("IX_CaseClosings_Org_Attorney");
    }
}

internal sealed class ClosingFundingSourceConfiguration : IEntityTypeConfiguration<ClosingFundingSource>
{
    public void Configure(EntityTypeBuilder<ClosingFundingSource> builder)
    {
        builder.ToTable("CaseClosingFundingSources");
        builder.HasKey(f => new { f.CaseId, f.Tag });
        builder.Property(f => f.Tag).HasMaxLength(64);
        builder.Property(f => f.ClosingCode).HasConversion<string>().HasMaxLength(4);

        // The per-funder report filters by organisation and decision date and groups on (tag, closing code): this
        // index answers it alone, read in group order. OrganisationId, ClosingCode and DecisionDate are copies of
        // the closing's, kept in step by CaseClosing.
        builder.HasIndex(f => new { f.OrganisationId, f.Tag, f.ClosingCode, f.DecisionDate })
            .HasDatabaseName("IX_CaseClosingFundingSources_Org_Tag_Code_Decision");
    }
}
