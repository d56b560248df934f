using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CounselConnect.Infrastructure.Persistence.Configurations;

internal sealed class HearingConfiguration : IEntityTypeConfiguration<Hearing>
{
    public void Configure(EntityTypeBuilder<Hearing> builder)
    {
        builder.ToTable("Hearings");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Type).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.Appearance).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(h => h.CourtCode).HasMaxLength(16).IsRequired();
        builder.Property(h => h.Location).HasMaxLength(Hearing.LocationMaxLength);
        builder.Property(h => h.InterpreterLanguage).HasMaxLength(3);
        builder.Property(h => h.CreatedBy).HasMaxLength(128).IsRequired();
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.Ignore(h => h.LocalTime);
        builder.Ignore(h => h.DeadlineTrigger);
        builder.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(h => new { h.CaseId, h.ScheduledAtUtc });
        builder.HasIndex(h => new { h.OrganisationId, h.Status, h.ScheduledAtUtc });
    }
}

internal sealed class HearingChangeConfiguration : IEntityTypeConfiguration<HearingChange>
{
    public void Configure(EntityTypeBuilder<HearingChange> builder)
    {
        builder.ToTable("HearingChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PreviousAppearance).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PreviousTimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.PreviousLocation).HasMaxLength(Hearing.LocationMaxLength);
        builder.SealedTextProperty(c => c.Reason, Hearing.ReasonMaxLength); // sealed under the case's data key (Security/SealedText.cs)
        builder.Property(c => c.ChangedBy).HasMaxLength(128).IsRequired();
        builder.HasOne<Hearing>().WithMany().HasForeignKey(c => c.HearingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.HearingId, c.Version }).IsUnique();
    }
}

internal sealed class JudgeSetDeadlineConfiguration : IEntityTypeConfiguration<JudgeSetDeadline>
{
    public void Configure(EntityTypeBuilder<JudgeSetDeadline> builder)
    {
        builder.ToTable("JudgeSetDeadlines");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.SealedTextProperty(d => d.Description, JudgeSetDeadline.DescriptionMaxLength); // sealed under the case's data key (Security/SealedText.cs)
        builder.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.CaseId);

        // The same deadline (case, date, description) once: a keyed hash of it (Security/ProtectedData.cs), as the
        // description is sealed. Null on rows of a purged case and on copies stored before this index (the backfill
        // leaves them, DeadlineIndexBackfill), which the unique index does not count.
        builder.Property<string?>(ProtectedData.SameDeadlineIndexProperty).HasMaxLength(64);
        builder.HasIndex(ProtectedData.SameDeadlineIndexProperty).IsUnique();
    }
}

internal sealed class ClientContactConfiguration : IEntityTypeConfiguration<ClientContact>
{
    public void Configure(EntityTypeBuilder<ClientContact> builder)
    {
        builder.ToTable("ClientContacts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        // Email and phone are never stored in clear: see Security/ProtectedData.cs (the case's data key).
        builder.Ignore(c => c.Email);
        builder.Ignore(c => c.Phone);
        builder.Property<byte[]>(Security.ProtectedData.ProtectedProperty).IsRequired();
        builder.Property<Guid>(Security.ProtectedData.DataKeyIdProperty);
        builder.Property(c => c.PreferredLanguage).HasMaxLength(3).IsRequired();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64);
        builder.Property(c => c.EmailConsentRecordedBy).HasMaxLength(128);
        builder.Property(c => c.SmsConsentRecordedBy).HasMaxLength(128);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.CaseId).IsUnique();
    }
}

internal sealed class ReminderScheduleConfiguration : IEntityTypeConfiguration<ReminderSchedule>
{
    public void Configure(EntityTypeBuilder<ReminderSchedule> builder)
    {
        builder.ToTable("ReminderSchedules");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.PrimitiveCollection(s => s.AttorneyHearingOffsets);
        builder.PrimitiveCollection(s => s.AttorneyDeadlineOffsets);
        builder.PrimitiveCollection(s => s.ClientHearingOffsets);
        builder.HasIndex(s => s.OrganisationId).IsUnique();
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.TargetKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.RecipientKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.TargetKey).HasMaxLength(Reminder.TargetKeyMaxLength).IsRequired();
        builder.Property(r => r.Language).HasMaxLength(3).IsRequired();
        builder.Property(r => r.Label).HasMaxLength(Reminder.LabelMaxLength);
        builder.Property(r => r.ClaimedBy).HasMaxLength(128);
        builder.Property(r => r.ProviderMessageId).HasMaxLength(200);
        builder.Property(r => r.LastError).HasMaxLength(200);
        builder.Ignore(r => r.Key);

        // One row per target (hearing version or deadline), reminder kind (offset), recipient and channel.
        builder.HasIndex(r => new { r.TargetKey, r.OffsetDays, r.RecipientKind, r.RecipientId, r.Channel }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.NextAttemptAtUtc });
        builder.HasIndex(r => r.CaseId);

        // No index on ClaimToken (a claim reads its rows back by id and token, through the key) nor on (OrganisationId, Status)
        // (the failed list seeks Status = Failed through the index above): each index on this table is paid for by every
        // planned row and every claim, and they dominated bulk planning on PostgreSQL.
    }
}

internal sealed class CaseReminderPlanConfiguration : IEntityTypeConfiguration<CaseReminderPlan>
{
    public void Configure(EntityTypeBuilder<CaseReminderPlan> builder)
    {
        // One row per case (see docs/reminders.md, "Planning writes stamps, materialisation writes rows").
        builder.ToTable("ReminderPlans");
        builder.HasKey(p => p.CaseId);
        builder.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);

        // No index on NextDueAtUtc (dropped by ReminderPlanSpeed): it cost more than half of writing 100,000 stamps on SQLite
        // (docs/benchmarks.md), while the one query that would use it (materialisation, every few minutes) scans a narrow table.
    }
}
