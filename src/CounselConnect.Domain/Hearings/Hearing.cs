using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Deadlines;

namespace CounselConnect.Domain.Hearings;

/// <summary>How the respondent appears at a hearing.</summary>
public enum AppearanceMode
{
    InPerson = 1,
    Remote = 2,
}

public enum HearingStatus
{
    Scheduled = 1,
    Cancelled = 2,
}

/// <summary>
/// A hearing of a case. The time is stored in UTC with the court's IANA time zone, so the local time the notice
/// shows can always be rebuilt (and daylight-saving changes between now and the hearing do not move it).
/// Every reschedule or cancellation adds a <see cref="HearingChange"/> and bumps <see cref="Version"/>; reminders are
/// keyed by version, so a change retires the old reminders and plans new ones.
/// </summary>
public sealed class Hearing : Entity
{
    public const int LocationMaxLength = 200;
    public const int ReasonMaxLength = 500;

    private Hearing()
    {
        TimeZoneId = string.Empty;
        CourtCode = string.Empty;
    }

    public Guid CaseId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public HearingType Type { get; private set; }

    public DateTime ScheduledAtUtc { get; private set; }

    /// <summary>IANA time zone of the court, e.g. America/New_York.</summary>
    public string TimeZoneId { get; private set; }

    /// <summary>EOIR court (base city) code.</summary>
    public string CourtCode { get; private set; }

    /// <summary>Where the hearing takes place (may differ from the court's base city, e.g. a detention facility).</summary>
    public string? Location { get; private set; }

    public AppearanceMode Appearance { get; private set; }

    /// <summary>ISO 639-3 code of the interpreter language the court should provide, if any.</summary>
    public string? InterpreterLanguage { get; private set; }

    public HearingStatus Status { get; private set; }

    /// <summary>1 when scheduled; +1 for each reschedule or cancellation.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The <see cref="Version"/> whose reminders were last planned (0: never). Set by the planner with a set-based update
    /// after it applied the plan; the replan sweep replans every hearing where it differs from <see cref="Version"/>.
    /// </summary>
    public int RemindersPlannedVersion { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTime CreatedAtUtc { get; private set; }

    public static Hearing Schedule(Guid caseId, Guid organisationId, HearingType type, DateTime scheduledAtUtc, string timeZoneId,
        string courtCode, string? location, AppearanceMode appearance, string? interpreterLanguage, string createdBy, DateTime nowUtc)
    {
        CheckRule(caseId == Guid.Empty, "HearingCaseRequired", "A hearing belongs to a case.");
        CheckRule(string.IsNullOrWhiteSpace(courtCode), "HearingCourtRequired", "A hearing needs a court.");
        CheckRule(scheduledAtUtc <= nowUtc, "HearingInThePast", "A hearing is scheduled in the future.");
        CheckZone(timeZoneId);
        return new Hearing
        {
            CaseId = caseId,
            OrganisationId = organisationId,
            Type = type,
            ScheduledAtUtc = DateTime.SpecifyKind(scheduledAtUtc, DateTimeKind.Utc),
            TimeZoneId = timeZoneId,
            CourtCode = courtCode.Trim().ToUpperInvariant(),
            Location = Clean(location),
            Appearance = appearance,
            InterpreterLanguage = string.IsNullOrWhiteSpace(interpreterLanguage) ? null : interpreterLanguage.Trim().ToLowerInvariant(),
            Status = HearingStatus.Scheduled,
            Version = 1,
            CreatedBy = createdBy,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>The hearing's local date and time at the court.</summary>
    public DateTime LocalTime => TimeZoneInfo.ConvertTimeFromUtc(ScheduledAtUtc, TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId));

    /// <summary>The trigger for computed deadlines.</summary>
    public DeadlineTrigger DeadlineTrigger => Type switch
    {
        HearingType.MasterCalendar => DeadlineTrigger.MasterCalendarHearing,
        HearingType.Individual => DeadlineTrigger.IndividualHearing,
        _ => DeadlineTrigger.BondHearing,
    };

    /// <summary>Moves the hearing; the old values are kept in the returned change record.</summary>
    public HearingChange Reschedule(DateTime newAtUtc, string? timeZoneId, string? location, AppearanceMode? appearance,
        string? reason, string changedBy, DateTime nowUtc)
    {
        CheckRule(Status == HearingStatus.Cancelled, "HearingCancelled", "A cancelled hearing cannot be rescheduled.");
        CheckRule(newAtUtc <= nowUtc, "HearingInThePast", "A hearing is scheduled in the future.");
        if (timeZoneId is not null)
        {
            CheckZone(timeZoneId);
        }

        var change = new HearingChange(Id, HearingChangeKind.Rescheduled, Version + 1, ScheduledAtUtc, TimeZoneId, Location, Appearance,
            DateTime.SpecifyKind(newAtUtc, DateTimeKind.Utc), CheckReason(reason), changedBy, nowUtc);
        ScheduledAtUtc = DateTime.SpecifyKind(newAtUtc, DateTimeKind.Utc);
        TimeZoneId = timeZoneId ?? TimeZoneId;
        Location = location is null ? Location : Clean(location);
        Appearance = appearance ?? Appearance;
        Version++;
        return change;
    }

    public HearingChange Cancel(string? reason, string changedBy, DateTime nowUtc)
    {
        CheckRule(Status == HearingStatus.Cancelled, "HearingCancelled", "The hearing is already cancelled.");
        var change = new HearingChange(Id, HearingChangeKind.Cancelled, Version + 1, ScheduledAtUtc, TimeZoneId, Location, Appearance,
            null, CheckReason(reason), changedBy, nowUtc);
        Status = HearingStatus.Cancelled;
        Version++;
        return change;
    }

    /// <summary>Whether <paramref name="timeZoneId"/> is an IANA time zone this server knows (e.g. America/New_York).</summary>
    public static bool IsIanaTimeZone(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) && zone.HasIanaId;

    private static void CheckZone(string timeZoneId) =>
        CheckRule(!IsIanaTimeZone(timeZoneId), "HearingTimeZoneUnknown", "Give the court's time zone as an IANA id, e.g. America/New_York.");

    private static string? CheckReason(string? reason)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        CheckRule(trimmed is { Length: > ReasonMaxLength }, "HearingChangeReasonTooLong", $"Keep the reason under {ReasonMaxLength + 1} characters.");
        return trimmed;
    }

    private static string? Clean(string? location)
    {
        var trimmed = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        CheckRule(trimmed is { Length: > LocationMaxLength }, "HearingLocationTooLong", $"Keep the location under {LocationMaxLength + 1} characters.");
        return trimmed;
    }
}
