namespace CounselConnect.Domain.Reminders;

/// <summary>
/// What planning stores for a case instead of every reminder row: when its next reminder that has no row yet falls due.
/// Planning writes the rows due within the materialisation horizon and this one row; the recurring materialisation step
/// writes the other rows once they come within the horizon, then moves <see cref="NextDueAtUtc"/> on. Every replan bumps
/// <see cref="Version"/>; materialisation moves the due time only while the version it read is still current, so a replan
/// that ran meanwhile is never overwritten.
/// </summary>
public sealed class CaseReminderPlan
{
    private CaseReminderPlan()
    {
    }

    public Guid CaseId { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The earliest send time of a planned reminder not written as a row yet; null when every planned reminder has its row.</summary>
    public DateTime? NextDueAtUtc { get; private set; }

    /// <summary>1 when first planned; +1 for each replan.</summary>
    public int Version { get; private set; }

    public DateTime PlannedAtUtc { get; private set; }

    /// <summary>A plan as computed (the store inserts it with version 1, or bumps the stored version).</summary>
    public static CaseReminderPlan For(Guid caseId, Guid organisationId, DateTime? nextDueAtUtc, DateTime nowUtc, int version = 1) => new()
    {
        CaseId = caseId,
        OrganisationId = organisationId,
        NextDueAtUtc = nextDueAtUtc is { } next ? DateTime.SpecifyKind(next, DateTimeKind.Utc) : null,
        Version = version,
        PlannedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
    };
}
