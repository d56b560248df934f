using CounselConnect.Application.Hearings;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>Everything planning needs for one case.</summary>
public sealed record ReminderPlanInput(
    Case Case,
    IReadOnlyList<Hearing> Hearings,
    IReadOnlyList<JudgeSetDeadline> JudgeSetDeadlines,
    ClientContact? Contact,
    IReadOnlyList<Guid> AttorneyIds,
    ReminderSchedule Schedule,
    DateTime NowUtc,
    string DefaultTimeZone);

/// <summary>The rows of a plan due within a window, and when the first one after it is due (null: none).</summary>
public sealed record ReminderWindow(IReadOnlyList<Reminder> Rows, DateTime? NextDueAfterUtc);

/// <summary>
/// The reminders a case should have now. Pure: the same input gives the same rows. Rules:
/// attorneys get every hearing and deadline reminder by email; clients get hearing reminders only, on each channel they
/// consented to, in their language (English when no template exists); a hearing reminder N days before goes out at the
/// hearing's local time N days earlier, a deadline reminder at the schedule's local time; a send time in quiet hours
/// (recipient's zone) moves out of them; send times already past are not planned.
/// </summary>
public static class ReminderPlan
{
    /// <summary>Every reminder row of the plan.</summary>
    public static IReadOnlyList<Reminder> Build(ReminderPlanInput input) => BuildWithin(input, null).Rows;

    /// <summary>
    /// The rows of the plan that go out at or before <paramref name="untilUtc"/> (all of them when null), and the earliest
    /// send time of the others. Those others are only counted, not built: planning far ahead costs no rows.
    /// </summary>
    public static ReminderWindow BuildWithin(ReminderPlanInput input, DateTime? untilUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = new Collector(untilUtc);
        var c = input.Case;
        var schedule = input.Schedule;
        var now = input.NowUtc;

        // Within a horizon, offsets are taken largest first (earliest send first): once one is beyond the horizon, the smaller
        // ones are later still and need not be computed (the first one beyond is the stream's next due time).
        var attorneyHearingOffsets = Ordered(schedule.AttorneyHearingOffsets, untilUtc);
        var clientHearingOffsets = Ordered(schedule.ClientHearingOffsets, untilUtc);
        var attorneyDeadlineOffsets = Ordered(schedule.AttorneyDeadlineOffsets, untilUtc);

        foreach (var hearing in input.Hearings.Where(h => h.Status == HearingStatus.Scheduled && h.ScheduledAtUtc > now))
        {
            var key = TargetKeyFor(hearing);
            var courtZone = Zone(hearing.TimeZoneId);
            var local = hearing.LocalTime;
            foreach (var attorney in input.AttorneyIds)
            {
                foreach (var offset in attorneyHearingOffsets)
                {
                    if (!Add(rows, input, ReminderTargetKind.Hearing, hearing.Id, key, offset, RecipientKind.Attorney, attorney, ReminderChannel.Email,
                        ReminderTemplates.English, hearing.ScheduledAtUtc, null, null, local.AddDays(-offset), courtZone))
                    {
                        break;
                    }
                }
            }

            if (input.Contact is { } contact)
            {
                var zone = contact.TimeZoneId is null ? courtZone : Zone(contact.TimeZoneId);
                var language = ReminderTemplates.Resolve(string.IsNullOrWhiteSpace(contact.PreferredLanguage) ? c.PrimaryLanguage : contact.PreferredLanguage);
                foreach (var channel in ConsentedChannels(contact))
                {
                    foreach (var offset in clientHearingOffsets)
                    {
                        // The client's reminder goes out at the hearing's wall-clock time N days earlier, in the client's zone.
                        var sendLocalInCourt = local.AddDays(-offset);
                        var sendUtc = ToUtc(sendLocalInCourt, courtZone);
                        if (!Add(rows, input, ReminderTargetKind.Hearing, hearing.Id, key, offset, RecipientKind.Client, contact.Id, channel,
                            language, hearing.ScheduledAtUtc, null, null, TimeZoneInfo.ConvertTimeFromUtc(sendUtc, zone), zone))
                        {
                            break;
                        }
                    }
                }
            }
        }

        var deadlines = CaseDeadlines.Compute(c, input.Hearings, input.JudgeSetDeadlines, now, input.DefaultTimeZone);
        foreach (var deadline in deadlines)
        {
            var zone = Zone(deadline.TimeZone);
            var due = deadline.Deadline.DueDate;
            var endOfDueDay = ToUtc(due.ToDateTime(new TimeOnly(23, 59)), zone);
            if (endOfDueDay <= now)
            {
                continue;
            }

            var targetId = deadline.HearingId ?? deadline.JudgeSetDeadlineId!.Value;
            foreach (var attorney in input.AttorneyIds)
            {
                foreach (var offset in attorneyDeadlineOffsets)
                {
                    if (!Add(rows, input, ReminderTargetKind.Deadline, targetId, deadline.TargetKey, offset, RecipientKind.Attorney, attorney,
                        ReminderChannel.Email, ReminderTemplates.English, endOfDueDay, due, deadline.Deadline.RuleName,
                        due.AddDays(-offset).ToDateTime(schedule.DeadlineReminderTime), zone))
                    {
                        break;
                    }
                }
            }
        }

        return new ReminderWindow(rows.Rows, rows.NextDueAfterUtc);
    }

    /// <summary>The rows built and the earliest send time left out.</summary>
    private sealed class Collector(DateTime? untilUtc)
    {
        public List<Reminder> Rows { get; } = [];

        public DateTime? NextDueAfterUtc { get; private set; }

        /// <summary>True when a row sent at <paramref name="sendUtc"/> is to be built; otherwise notes its send time.</summary>
        public bool Within(DateTime sendUtc)
        {
            if (untilUtc is null || sendUtc <= untilUtc.Value)
            {
                return true;
            }

            if (NextDueAfterUtc is null || sendUtc < NextDueAfterUtc.Value)
            {
                NextDueAfterUtc = sendUtc;
            }

            return false;
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>IANA zones looked up once per process (planning asks for the same few zones for every hearing).</summary>
    private static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    /// <summary>The target key of a hearing's reminders: changes with every reschedule.</summary>
    public static string TargetKeyFor(Hearing hearing) => $"hearing:{hearing.Id}:v{hearing.Version}";

    public static IEnumerable<ReminderChannel> ConsentedChannels(ClientContact contact)
    {
        if (contact.EmailConsent && contact.Email is not null)
        {
            yield return ReminderChannel.Email;
        }

        if (contact.SmsConsent && contact.Phone is not null)
        {
            yield return ReminderChannel.Sms;
        }
    }

    /// <summary>The schedule's offsets as they are (a full plan keeps the schedule's order), or largest first within a horizon.</summary>
    private static List<int> Ordered(List<int> offsets, DateTime? untilUtc) =>
        untilUtc is null ? offsets : [.. offsets.OrderDescending()];

    /// <summary>
    /// Adds the row when it is to be sent, in the future, before the event and within the horizon. False when it is beyond
    /// the horizon (only its send time is noted): the next smaller offset goes out later still. A send time moved out of quiet
    /// hours stays within the same day's quiet period, far less than the horizon, so the stamp is never late by more than that.
    /// </summary>
    private static bool Add(Collector rows, ReminderPlanInput input, ReminderTargetKind kind, Guid targetId, string key, int offset,
        RecipientKind recipientKind, Guid recipientId, ReminderChannel channel, string language, DateTime eventAtUtc, DateOnly? dueDate,
        string? label, DateTime sendLocal, TimeZoneInfo recipientZone)
    {
        var sendUtc = input.Schedule.MoveOutOfQuietHours(ToUtc(sendLocal, recipientZone), recipientZone, eventAtUtc);
        if (sendUtc <= input.NowUtc || sendUtc >= eventAtUtc)
        {
            return true;
        }

        if (!rows.Within(sendUtc))
        {
            return false;
        }

        rows.Rows.Add(Reminder.Plan(input.Case.OrganisationId, input.Case.Id, kind, targetId, key, offset, recipientKind, recipientId, channel,
            language, eventAtUtc, dueDate, label, sendUtc, input.NowUtc));
        return true;
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
