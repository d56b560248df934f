using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Reminders;

/// <summary>
/// An organisation's reminder schedule: days before the event per recipient, quiet hours in the recipient's time
/// zone, and the local time deadline reminders go out. <see cref="Default"/> applies when the organisation has none.
/// </summary>
public sealed class ReminderSchedule : Entity
{
    private ReminderSchedule()
    {
    }

    public Guid OrganisationId { get; private set; }

    public List<int> AttorneyHearingOffsets { get; private set; } = [];

    public List<int> AttorneyDeadlineOffsets { get; private set; } = [];

    public List<int> ClientHearingOffsets { get; private set; } = [];

    /// <summary>Start of quiet hours (local to the recipient), e.g. 21:00.</summary>
    public TimeOnly QuietHoursStart { get; private set; }

    /// <summary>End of quiet hours, e.g. 08:00. Equal to the start means no quiet hours.</summary>
    public TimeOnly QuietHoursEnd { get; private set; }

    /// <summary>Local time of day deadline reminders are sent.</summary>
    public TimeOnly DeadlineReminderTime { get; private set; }

    public static ReminderSchedule Default { get; } = Create(Guid.Empty, [14, 7, 2, 1], [14, 7, 2, 1], [7, 1],
        new TimeOnly(21, 0), new TimeOnly(8, 0), new TimeOnly(9, 0));

    public static ReminderSchedule Create(Guid organisationId, IEnumerable<int> attorneyHearing, IEnumerable<int> attorneyDeadline,
        IEnumerable<int> clientHearing, TimeOnly quietStart, TimeOnly quietEnd, TimeOnly deadlineTime)
    {
        var schedule = new ReminderSchedule { OrganisationId = organisationId };
        schedule.Change(attorneyHearing, attorneyDeadline, clientHearing, quietStart, quietEnd, deadlineTime);
        return schedule;
    }

    public void Change(IEnumerable<int> attorneyHearing, IEnumerable<int> attorneyDeadline, IEnumerable<int> clientHearing,
        TimeOnly quietStart, TimeOnly quietEnd, TimeOnly deadlineTime)
    {
        AttorneyHearingOffsets = Offsets(attorneyHearing);
        AttorneyDeadlineOffsets = Offsets(attorneyDeadline);
        ClientHearingOffsets = Offsets(clientHearing);
        QuietHoursStart = quietStart;
        QuietHoursEnd = quietEnd;
        DeadlineReminderTime = deadlineTime;
    }

    /// <summary>True when <paramref name="local"/> falls in quiet hours (the window may wrap midnight).</summary>
    public bool IsQuiet(TimeOnly local) => QuietHoursStart != QuietHoursEnd && (QuietHoursStart < QuietHoursEnd
        ? local >= QuietHoursStart && local < QuietHoursEnd
        : local >= QuietHoursStart || local < QuietHoursEnd);

    /// <summary>
    /// Moves a send time that falls in quiet hours (in <paramref name="zone"/>) to the end of those quiet hours; if that
    /// would be at or after <paramref name="eventAtUtc"/>, to just before they began instead.
    /// </summary>
    public DateTime MoveOutOfQuietHours(DateTime sendAtUtc, TimeZoneInfo zone, DateTime eventAtUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(sendAtUtc, DateTimeKind.Utc), zone);
        var time = TimeOnly.FromDateTime(local);
        if (!IsQuiet(time))
        {
            return sendAtUtc;
        }

        // The day the quiet period started, and the day it ends.
        var startDay = DateOnly.FromDateTime(local);
        if (QuietHoursStart > QuietHoursEnd && time < QuietHoursEnd)
        {
            startDay = startDay.AddDays(-1);
        }

        var endDay = QuietHoursStart > QuietHoursEnd ? startDay.AddDays(1) : startDay;
        var after = ToUtc(endDay.ToDateTime(QuietHoursEnd), zone);
        if (after < eventAtUtc)
        {
            return after;
        }

        return ToUtc(startDay.ToDateTime(QuietHoursStart), zone).AddMinutes(-1);
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A wall-clock time skipped by a daylight-saving change does not exist: take the hour after.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    private static List<int> Offsets(IEnumerable<int> values)
    {
        var list = values.Distinct().OrderByDescending(v => v).ToList();
        CheckRule(list.Any(v => v is < 0 or > 365), "ReminderOffsetOutOfRange", "Reminder offsets are between 0 and 365 days.");
        return list;
    }
}
