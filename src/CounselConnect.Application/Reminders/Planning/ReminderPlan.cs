using CounselConnect.Application.Hearings;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>Everything planning needs for one case.</summary>
/// <param name="CatchUpFromUtc">Set by materialisation when the case's stamp is already past due (the job was down longer than
/// the horizon): send times from then to now are not skipped as past, but written late (event still ahead) or as missed.</param>
/// <param name="HearingChangedAtUtc">With a catch-up: when each hearing was last rescheduled (its current version began), so a
/// send time from before that version existed is not caught up.</param>
public sealed record ReminderPlanInput(
    Case Case,
    IReadOnlyList<Hearing> Hearings,
    IReadOnlyList<JudgeSetDeadline> JudgeSetDeadlines,
    ClientContact? Contact,
    IReadOnlyList<Guid> AttorneyIds,
    ReminderSchedule Schedule,
    DateTime NowUtc,
    string DefaultTimeZone,
    DateTime? CatchUpFromUtc = null,
    IReadOnlyDictionary<Guid, DateTime>? HearingChangedAtUtc = null);

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

        // Catch-up (see ReminderPlanInput.CatchUpFromUtc): events after the stamp's due time still count, even if already past.
        var catchUp = input.CatchUpFromUtc is { } from && from < now ? from : (DateTime?)null;
        var eventsAfter = catchUp ?? now;
        foreach (var hearing in input.Hearings.Where(h => h.Status == HearingStatus.Scheduled && h.ScheduledAtUtc > eventsAfter))
        {
            var key = TargetKeyFor(hearing);
            var since = Since(catchUp, hearing.CreatedAtUtc, input.HearingChangedAtUtc?.GetValueOrDefault(hearing.Id));
            var courtZone = Zone(hearing.TimeZoneId);
            var local = hearing.LocalTime;
            foreach (var attorney in input.AttorneyIds)
            {
                foreach (var offset in attorneyHearingOffsets)
                {
                    if (!Add(rows, input, ReminderTargetKind.Hearing, hearing.Id, key, offset, RecipientKind.Attorney, attorney, ReminderChannel.Email,
                        ReminderTemplates.English, hearing.ScheduledAtUtc, null, null, local.AddDays(-offset), courtZone, since))
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
                    // Nor a send time from before the client consented on that channel.
                    var consentedSince = Since(since, channel == ReminderChannel.Email ? contact.EmailConsentRecordedAtUtc : contact.SmsConsentRecordedAtUtc, null);
                    foreach (var offset in clientHearingOffsets)
                    {
                        // The client's reminder goes out at the hearing's wall-clock time N days earlier, in the client's zone.
                        var sendLocalInCourt = local.AddDays(-offset);
                        var sendUtc = ToUtc(sendLocalInCourt, courtZone);
                        if (!Add(rows, input, ReminderTargetKind.Hearing, hearing.Id, key, offset, RecipientKind.Client, contact.Id, channel,
                            language, hearing.ScheduledAtUtc, null, null, TimeZoneInfo.ConvertTimeFromUtc(sendUtc, zone), zone, consentedSince))
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
            if (endOfDueDay <= eventsAfter)
            {
                continue;
            }

            var targetId = deadline.HearingId ?? deadline.JudgeSetDeadlineId!.Value;
            var hearing = deadline.HearingId is { } hearingId ? input.Hearings.FirstOrDefault(h => h.Id == hearingId) : null;
            var since = hearing is not null
                ? Since(catchUp, hearing.CreatedAtUtc, input.HearingChangedAtUtc?.GetValueOrDefault(hearing.Id))
                : Since(catchUp, input.JudgeSetDeadlines.FirstOrDefault(d => d.Id == targetId)?.EnteredAt.UtcDateTime, null);
            foreach (var attorney in input.AttorneyIds)
            {
                foreach (var offset in attorneyDeadlineOffsets)
                {
                    if (!Add(rows, input, ReminderTargetKind.Deadline, targetId, deadline.TargetKey, offset, RecipientKind.Attorney, attorney,
                        ReminderChannel.Email, ReminderTemplates.English, endOfDueDay, due, deadline.Deadline.RuleName,
                        due.AddDays(-offset).ToDateTime(schedule.DeadlineReminderTime), zone, since))
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

        /// <summary>Per target, recipient and channel: the index of the row caught up to be sent late.</summary>
        private readonly Dictionary<(string, RecipientKind, Guid, ReminderChannel), (int Index, DateTime DueUtc)> _late = [];

        /// <summary>
        /// A reminder whose send time passed while materialisation was down, with its event still ahead: sent late. Of several
        /// such reminders of one target, recipient and channel only the last one goes out; the earlier ones are recorded as missed
        /// (<see cref="Reminder.MissedSuperseded"/>), so the recipient does not get the same reminder twice at once.
        /// </summary>
        /// <param name="dueUtc">When it should have gone out (kept as the send time if it is superseded).</param>
        public void AddLate(Reminder late, DateTime dueUtc)
        {
            var stream = (late.TargetKey, late.RecipientKind, late.RecipientId, late.Channel);
            if (_late.TryGetValue(stream, out var earlier))
            {
                Rows[earlier.Index] = Rows[earlier.Index].AsMissed(Reminder.MissedSuperseded, earlier.DueUtc);
            }

            _late[stream] = (Rows.Count, dueUtc);
            Rows.Add(late);
        }

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

    /// <summary>The earliest send time a catch-up may write for a target: the catch-up start, or when the target (or consent) began if later.
    /// <see cref="DateTime.MaxValue"/> when there is no catch-up.</summary>
    private static DateTime Since(DateTime? catchUp, DateTime? began, DateTime? changed)
    {
        if (catchUp is not { } from)
        {
            return DateTime.MaxValue;
        }

        var since = from;
        foreach (var t in new[] { began, changed })
        {
            if (t is { } at && at > since)
            {
                since = at;
            }
        }

        return since;
    }

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
        string? label, DateTime sendLocal, TimeZoneInfo recipientZone, DateTime catchUpSince)
    {
        var sendUtc = input.Schedule.MoveOutOfQuietHours(ToUtc(sendLocal, recipientZone), recipientZone, eventAtUtc);
        if (sendUtc >= eventAtUtc)
        {
            return true;
        }

        if (sendUtc <= input.NowUtc)
        {
            // Past. Normally not planned; in a catch-up (materialisation was down), a send time since the catch-up start is
            // written: to go out now (out of quiet hours) while the event is ahead, otherwise as missed. Never dropped silently.
            if (sendUtc >= catchUpSince)
            {
                var now = input.NowUtc;
                if (eventAtUtc > now)
                {
                    var lateAt = input.Schedule.MoveOutOfQuietHours(now, recipientZone, eventAtUtc);
                    rows.AddLate(Reminder.Plan(input.Case.OrganisationId, input.Case.Id, kind, targetId, key, offset, recipientKind, recipientId, channel,
                        language, eventAtUtc, dueDate, label, lateAt < now ? now : lateAt, now), sendUtc);
                }
                else
                {
                    rows.Rows.Add(Reminder.Plan(input.Case.OrganisationId, input.Case.Id, kind, targetId, key, offset, recipientKind, recipientId, channel,
                        language, eventAtUtc, dueDate, label, sendUtc, now).AsMissed(Reminder.MissedEventPassed));
                }
            }

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
