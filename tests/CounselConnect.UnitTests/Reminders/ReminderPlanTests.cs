using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.UnitTests.Reminders;

public sealed class ReminderPlanTests
{
    private const string NewYork = "America/New_York";

    // A Monday; the hearing is five weeks later on Monday 8 February 2027 at 09:00 in New York (14:00 UTC).
    private static readonly DateTime Now = new(2027, 1, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Attorney = Guid.NewGuid();

    private static Case NewCase(CustodyStatus custody = CustodyStatus.Released, string language = "spa") =>
        new(Guid.NewGuid(), null, "CC-TEST-1", custody, "NYC", null, null, null, [], language, [], false, "test", Now);

    private static Hearing NewHearing(Case c, HearingType type = HearingType.MasterCalendar, int hourUtc = 14) =>
        Hearing.Schedule(c.Id, c.OrganisationId, type, new DateTime(2027, 2, 8, hourUtc, 0, 0, DateTimeKind.Utc), NewYork, "NYC", "Varick Street",
            AppearanceMode.InPerson, "spa", "test", Now);

    private static ClientContact Contact(Case c, bool email, bool sms, string language = "spa", string? zone = null)
    {
        var contact = ClientContact.Create(c.Id, c.OrganisationId, Now);
        contact.Update(email ? "client@example.test" : null, sms ? "+12125550100" : null, language, zone, email, sms, "staff", Now);
        return contact;
    }

    private static IReadOnlyList<Reminder> Plan(Case c, IReadOnlyList<Hearing> hearings, ClientContact? contact = null,
        IReadOnlyList<JudgeSetDeadline>? judgeSet = null, ReminderSchedule? schedule = null, DateTime? now = null) =>
        ReminderPlan.Build(new ReminderPlanInput(c, hearings, judgeSet ?? [], contact, [Attorney], schedule ?? ReminderSchedule.Default,
            now ?? Now, NewYork));

    [Fact]
    public void Attorney_gets_hearing_reminders_14_7_2_and_1_days_before_at_the_hearing_local_time()
    {
        var c = NewCase();
        var plan = Plan(c, [NewHearing(c)]).Where(r => r.TargetKind == ReminderTargetKind.Hearing).ToList();
        Assert.Equal([14, 7, 2, 1], plan.Select(r => r.OffsetDays));
        Assert.All(plan, r => Assert.Equal(RecipientKind.Attorney, r.RecipientKind));
        Assert.All(plan, r => Assert.Equal(ReminderChannel.Email, r.Channel));
        Assert.All(plan, r => Assert.Equal(ReminderStatus.Pending, r.Status));
        Assert.Equal(new DateTime(2027, 1, 25, 14, 0, 0), plan[0].ScheduledForUtc);
        Assert.Equal(new DateTime(2027, 2, 7, 14, 0, 0), plan[3].ScheduledForUtc);
        Assert.All(plan, r => Assert.StartsWith("hearing:", r.TargetKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Across_a_daylight_saving_change_the_reminder_keeps_the_local_wall_clock_time()
    {
        // Hearing Monday 15 March 2027 09:00 EDT (13:00 UTC); 14 days before is 1 March, 09:00 EST = 14:00 UTC.
        var c = NewCase();
        var hearing = Hearing.Schedule(c.Id, c.OrganisationId, HearingType.MasterCalendar, new DateTime(2027, 3, 15, 13, 0, 0, DateTimeKind.Utc),
            NewYork, "NYC", null, AppearanceMode.InPerson, null, "test", Now);
        var fourteen = Plan(c, [hearing]).Single(r => r.TargetKind == ReminderTargetKind.Hearing && r.OffsetDays == 14);
        Assert.Equal(new DateTime(2027, 3, 1, 14, 0, 0), fourteen.ScheduledForUtc);
    }

    [Fact]
    public void Attorney_gets_reminders_before_each_computed_deadline_with_its_rule()
    {
        var c = NewCase();
        var plan = Plan(c, [NewHearing(c, HearingType.Individual)]).Where(r => r.TargetKind == ReminderTargetKind.Deadline).ToList();
        Assert.NotEmpty(plan);
        var filing = plan.Where(r => r.TargetKey.StartsWith($"deadline:{EoirDeadlineRules.IndividualHearingFilingId}:", StringComparison.Ordinal)).ToList();

        // 30 days before 8 Feb 2027 is Saturday 9 Jan 2027 (rule in force since Feb 2025); the engine's roll decides the due date.
        var expected = new DeadlineCalculator().Compute(EoirDeadlineRules.IndividualHearingFilingId, new DateOnly(2027, 2, 8), DateOnly.FromDateTime(Now))!;
        Assert.All(filing, r => Assert.Equal(expected.DueDate, r.DueDate));
        Assert.All(filing, r => Assert.Equal(expected.RuleName, r.Label));

        // Deadline reminders go out at 09:00 New York time (14:00 UTC in winter); those already past are not planned.
        Assert.All(filing, r => Assert.Equal(new TimeOnly(14, 0), TimeOnly.FromDateTime(r.ScheduledForUtc)));
        Assert.All(filing, r => Assert.True(r.ScheduledForUtc > Now));
        Assert.Equal(filing.Select(r => r.OffsetDays).OrderDescending(),
            new[] { 14, 7, 2, 1 }.Where(o => expected.DueDate.AddDays(-o).ToDateTime(new TimeOnly(14, 0)) > Now));
    }

    [Fact]
    public void Detained_cases_get_no_computed_filing_deadline_but_judge_set_deadlines_get_reminders()
    {
        var c = NewCase(CustodyStatus.Detained);
        var judge = JudgeSetDeadline.Enter(c.Id, new DateOnly(2027, 1, 30), "Pre-hearing brief", Guid.NewGuid(), DateTimeOffset.UtcNow);
        var plan = Plan(c, [NewHearing(c, HearingType.Individual)], judgeSet: [judge]);
        var deadlines = plan.Where(r => r.TargetKind == ReminderTargetKind.Deadline).ToList();
        Assert.All(deadlines, r => Assert.Equal($"deadline:judge-set:{judge.Id}", r.TargetKey));

        // 30 January 2027 is a Saturday: the judge-set deadline rolls to Monday 1 February.
        Assert.All(deadlines, r => Assert.Equal(new DateOnly(2027, 2, 1), r.DueDate));
        Assert.Equal([14, 7, 2, 1], deadlines.Select(r => r.OffsetDays));
    }

    [Fact]
    public void Client_gets_7_and_1_day_hearing_reminders_only_on_consented_channels_in_their_language()
    {
        var c = NewCase();
        var hearing = NewHearing(c);
        var smsOnly = Plan(c, [hearing], Contact(c, email: false, sms: true)).Where(r => r.RecipientKind == RecipientKind.Client).ToList();
        Assert.Equal([7, 1], smsOnly.Select(r => r.OffsetDays));
        Assert.All(smsOnly, r => Assert.Equal(ReminderChannel.Sms, r.Channel));
        Assert.All(smsOnly, r => Assert.Equal("spa", r.Language));
        Assert.All(smsOnly, r => Assert.Equal(ReminderTargetKind.Hearing, r.TargetKind));

        var none = Plan(c, [hearing], Contact(c, email: false, sms: false));
        Assert.DoesNotContain(none, r => r.RecipientKind == RecipientKind.Client);

        var both = Plan(c, [hearing], Contact(c, email: true, sms: true)).Where(r => r.RecipientKind == RecipientKind.Client).ToList();
        Assert.Equal(4, both.Count);
    }

    [Fact]
    public void Consent_cannot_be_recorded_without_an_address_for_the_channel()
    {
        var c = NewCase();
        var contact = ClientContact.Create(c.Id, c.OrganisationId, Now);
        Assert.Equal("SmsConsentNeedsPhone", Assert.Throws<BusinessRuleException>(() =>
            contact.Update("a@example.test", null, "spa", null, false, true, "staff", Now)).Rule);
        contact.Update(null, "+12125550100", "spa", null, false, true, "staff-1", Now);
        Assert.Equal("staff-1", contact.SmsConsentRecordedBy);
        Assert.Equal(Now, contact.SmsConsentRecordedAtUtc);
    }

    [Theory]
    [InlineData("spa", "spa")]
    [InlineData("hat", "hat")]
    [InlineData("por", "por")]
    [InlineData("eng", "eng")]
    [InlineData("mam", "eng")]
    [InlineData("pan", "eng")]
    public void Client_language_falls_back_to_English_without_a_template(string preferred, string expected)
    {
        var c = NewCase(language: preferred);
        var plan = Plan(c, [NewHearing(c)], Contact(c, email: true, sms: false, language: preferred));
        Assert.All(plan.Where(r => r.RecipientKind == RecipientKind.Client), r => Assert.Equal(expected, r.Language));
        Assert.Contains(plan, r => r.RecipientKind == RecipientKind.Client);
    }

    [Fact]
    public void Quiet_hours_in_the_recipients_zone_move_the_send_time_to_their_end()
    {
        // Hearing at 07:00 New York (12:00 UTC): 07:00 is in quiet hours (21:00-08:00), so reminders move to 08:00 local.
        var c = NewCase();
        var hearing = NewHearing(c, hourUtc: 12);
        var attorney = Plan(c, [hearing]).Where(r => r.TargetKind == ReminderTargetKind.Hearing && r.RecipientKind == RecipientKind.Attorney).ToList();
        Assert.All(attorney, r => Assert.Equal(new TimeOnly(13, 0), TimeOnly.FromDateTime(r.ScheduledForUtc)));

        // A client in Los Angeles: the hearing's 09:00 New York is 06:00 there, in quiet hours, so 08:00 Los Angeles (16:00 UTC).
        var la = Plan(c, [NewHearing(c)], Contact(c, email: true, sms: false, zone: "America/Los_Angeles"))
            .Where(r => r.RecipientKind == RecipientKind.Client).ToList();
        Assert.All(la, r => Assert.Equal(new TimeOnly(16, 0), TimeOnly.FromDateTime(r.ScheduledForUtc)));
    }

    [Fact]
    public void Quiet_hours_move_a_send_time_earlier_when_their_end_is_after_the_event()
    {
        var schedule = ReminderSchedule.Default;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(NewYork);

        // 23:00 local on 7 Feb, event at 07:30 local on 8 Feb (before quiet hours end at 08:00): send at 20:59 on 7 Feb.
        var send = new DateTime(2027, 2, 8, 4, 0, 0, DateTimeKind.Utc);
        var eventAt = new DateTime(2027, 2, 8, 12, 30, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2027, 2, 8, 1, 59, 0), schedule.MoveOutOfQuietHours(send, zone, eventAt));

        // Outside quiet hours nothing moves.
        var noon = new DateTime(2027, 2, 7, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal(noon, schedule.MoveOutOfQuietHours(noon, zone, eventAt));
        Assert.True(schedule.IsQuiet(new TimeOnly(21, 0)));
        Assert.True(schedule.IsQuiet(new TimeOnly(7, 59)));
        Assert.False(schedule.IsQuiet(new TimeOnly(8, 0)));
    }

    [Fact]
    public void Reminders_whose_send_time_has_passed_are_not_planned()
    {
        var c = NewCase();
        var hearing = NewHearing(c);
        var late = Plan(c, [hearing], now: new DateTime(2027, 2, 4, 12, 0, 0, DateTimeKind.Utc))
            .Where(r => r.TargetKind == ReminderTargetKind.Hearing).ToList();
        Assert.Equal([2, 1], late.Select(r => r.OffsetDays));
    }

    [Fact]
    public void Rescheduling_gives_a_new_target_key_so_every_row_is_new_and_the_old_ones_are_not_in_the_plan()
    {
        var c = NewCase();
        var hearing = NewHearing(c);
        var before = Plan(c, [hearing], Contact(c, true, true)).Select(r => r.Key).ToHashSet();
        hearing.Reschedule(new DateTime(2027, 3, 1, 14, 0, 0, DateTimeKind.Utc), null, null, null, "Continued", "test", Now);
        var after = Plan(c, [hearing], Contact(c, true, true)).Select(r => r.Key).ToHashSet();
        Assert.DoesNotContain(before.Intersect(after), k => k.TargetKey.StartsWith("hearing:", StringComparison.Ordinal));
        Assert.Contains(after, k => k.TargetKey == $"hearing:{hearing.Id}:v2");

        hearing.Cancel(null, "test", Now);
        Assert.Empty(Plan(c, [hearing], Contact(c, true, true)));
    }

    [Fact]
    public void Organisation_schedule_replaces_the_default_offsets()
    {
        var c = NewCase();
        var schedule = ReminderSchedule.Create(c.OrganisationId, [3], [], [2], new TimeOnly(22, 0), new TimeOnly(7, 0), new TimeOnly(10, 0));
        var plan = Plan(c, [NewHearing(c)], Contact(c, true, false), schedule: schedule);
        Assert.Equal([3], plan.Where(r => r.RecipientKind == RecipientKind.Attorney).Select(r => r.OffsetDays));
        Assert.Equal([2], plan.Where(r => r.RecipientKind == RecipientKind.Client).Select(r => r.OffsetDays));
    }

    [Fact]
    public void Backoff_doubles_and_is_capped()
    {
        var b = TimeSpan.FromMinutes(1);
        var max = TimeSpan.FromMinutes(10);
        Assert.Equal(TimeSpan.FromMinutes(1), Reminder.Backoff(1, b, max));
        Assert.Equal(TimeSpan.FromMinutes(2), Reminder.Backoff(2, b, max));
        Assert.Equal(TimeSpan.FromMinutes(8), Reminder.Backoff(4, b, max));
        Assert.Equal(max, Reminder.Backoff(9, b, max));
    }

    [Fact]
    public void Planning_within_a_horizon_builds_only_the_rows_due_by_then_and_reports_the_first_one_after_it()
    {
        var c = NewCase();
        var input = new ReminderPlanInput(c, [NewHearing(c, HearingType.Individual)], [], Contact(c, email: true, sms: true), [Attorney],
            ReminderSchedule.Default, Now, NewYork);
        var all = ReminderPlan.Build(input);
        var until = Now.AddDays(20);

        var window = ReminderPlan.BuildWithin(input, until);

        Assert.NotEmpty(window.Rows);
        Assert.Equal(all.Where(r => r.ScheduledForUtc <= until).Select(r => r.Key.ToString()).Order(), window.Rows.Select(r => r.Key.ToString()).Order());
        Assert.Equal(all.Where(r => r.ScheduledForUtc > until).Min(r => r.ScheduledForUtc), window.NextDueAfterUtc);

        // Far enough ahead, nothing is built and the first reminder of the plan is the next due; with no limit, everything.
        var none = ReminderPlan.BuildWithin(input, Now.AddHours(1));
        Assert.Empty(none.Rows);
        Assert.Equal(all.Min(r => r.ScheduledForUtc), none.NextDueAfterUtc);
        var full = ReminderPlan.BuildWithin(input, null);
        Assert.Equal(all.Select(r => r.Key), full.Rows.Select(r => r.Key));

        // A custom schedule whose offsets are not in order: the same rows and the same next due time.
        var custom = ReminderSchedule.Create(Guid.NewGuid(), [2, 21, 9], [3, 30], [1, 10, 4], new TimeOnly(21, 0), new TimeOnly(8, 0), new TimeOnly(9, 0));
        var customInput = input with { Schedule = custom };
        var customAll = ReminderPlan.Build(customInput);
        var customWindow = ReminderPlan.BuildWithin(customInput, until);
        Assert.Equal(customAll.Where(r => r.ScheduledForUtc <= until).Select(r => r.Key.ToString()).Order(), customWindow.Rows.Select(r => r.Key.ToString()).Order());
        Assert.Equal(customAll.Where(r => r.ScheduledForUtc > until).Min(r => r.ScheduledForUtc), customWindow.NextDueAfterUtc);
        Assert.Null(full.NextDueAfterUtc);
    }

    [Fact]
    public void Deadlines_of_hearings_on_the_same_date_are_computed_once_and_keyed_per_hearing()
    {
        var first = NewCase();
        var second = NewCase();
        var a = CounselConnect.Application.Hearings.CaseDeadlines.Compute(first, [NewHearing(first, HearingType.Individual)], [], Now, NewYork);
        var b = CounselConnect.Application.Hearings.CaseDeadlines.Compute(second, [NewHearing(second, HearingType.Individual)], [], Now, NewYork);
        Assert.NotEmpty(a);
        var rule = EoirDeadlineRules.IndividualHearingFilingId;
        Assert.Equal(a.Select(d => d.Deadline.RuleId).Order(), b.Select(d => d.Deadline.RuleId).Order());
        Assert.Same(a.Single(d => d.Deadline.RuleId == rule).Deadline, b.Single(d => d.Deadline.RuleId == rule).Deadline);
        Assert.NotEqual(a.Single(d => d.Deadline.RuleId == rule).TargetKey, b.Single(d => d.Deadline.RuleId == rule).TargetKey);

        // Detained: the same date gives no computed deadlines (the memo is keyed by docket too).
        Assert.Empty(CounselConnect.Application.Hearings.CaseDeadlines.Compute(NewCase(CustodyStatus.Detained),
            [NewHearing(first, HearingType.Individual)], [], Now, NewYork));
    }

    /// <summary>A bond hearing (no computed deadlines) on Monday 8 February 2027, 09:00 New York (14:00 UTC), planned from a stamp at its 14-day send time.</summary>
    private static (ReminderPlanInput Input, Hearing Hearing) CatchUpInput(DateTime now, IReadOnlyDictionary<Guid, DateTime>? changed = null)
    {
        var c = NewCase();
        var hearing = NewHearing(c, HearingType.Bond);
        var stamp = new DateTime(2027, 1, 25, 14, 0, 0, DateTimeKind.Utc);
        return (new ReminderPlanInput(c, [hearing], [], null, [Attorney], ReminderSchedule.Default, now, NewYork, stamp, changed), hearing);
    }

    [Fact]
    public void A_catch_up_sends_the_last_missed_reminder_late_records_the_earlier_as_missed_and_plans_the_rest_as_usual()
    {
        // Materialisation was down from before the 14-day send (25 Jan) to Friday 5 Feb 15:00 UTC (10:00 New York).
        var now = new DateTime(2027, 2, 5, 15, 0, 0, DateTimeKind.Utc);
        var (input, _) = CatchUpInput(now);
        var window = ReminderPlan.BuildWithin(input, now.AddHours(48));
        var byOffset = window.Rows.ToDictionary(r => r.OffsetDays);
        Assert.Equal([1, 2, 7, 14], byOffset.Keys.Order());

        Assert.Equal((ReminderStatus.Failed, Reminder.MissedSuperseded), (byOffset[14].Status, byOffset[14].LastError));
        Assert.Equal(new DateTime(2027, 1, 25, 14, 0, 0), byOffset[14].ScheduledForUtc);
        Assert.Equal((ReminderStatus.Pending, (string?)null, now, now), (byOffset[7].Status, byOffset[7].LastError, byOffset[7].ScheduledForUtc, byOffset[7].NextAttemptAtUtc));
        Assert.Equal(new DateTime(2027, 2, 6, 14, 0, 0), byOffset[2].ScheduledForUtc);
        Assert.Equal(new DateTime(2027, 2, 7, 14, 0, 0), byOffset[1].ScheduledForUtc);
        Assert.Null(window.NextDueAfterUtc);

        // Without the catch-up (a replan, or a stamp not past due) past send times are skipped as before.
        var usual = ReminderPlan.BuildWithin(input with { CatchUpFromUtc = null }, now.AddHours(48));
        Assert.Equal([2, 1], usual.Rows.Select(r => r.OffsetDays));
    }

    [Fact]
    public void A_late_reminder_due_in_quiet_hours_goes_out_when_they_end()
    {
        // Friday 5 Feb 22:00 New York (03:00 UTC on the 6th): quiet until 08:00 New York, 13:00 UTC.
        var now = new DateTime(2027, 2, 6, 3, 0, 0, DateTimeKind.Utc);
        var (input, _) = CatchUpInput(now);
        var late = ReminderPlan.BuildWithin(input, now.AddHours(48)).Rows.Single(r => r.OffsetDays == 7);
        Assert.Equal((ReminderStatus.Pending, new DateTime(2027, 2, 6, 13, 0, 0)), (late.Status, late.ScheduledForUtc));
    }

    [Fact]
    public void A_catch_up_after_the_hearing_records_every_reminder_since_the_stamp_as_missed()
    {
        var now = new DateTime(2027, 2, 9, 12, 0, 0, DateTimeKind.Utc);
        var (input, hearing) = CatchUpInput(now);
        var window = ReminderPlan.BuildWithin(input, now.AddHours(48));
        Assert.Equal([14, 7, 2, 1], window.Rows.Select(r => r.OffsetDays));
        Assert.All(window.Rows, r => Assert.Equal((ReminderStatus.Failed, Reminder.MissedEventPassed, hearing.ScheduledAtUtc), (r.Status, r.LastError, r.EventAtUtc)));
        Assert.Null(window.NextDueAfterUtc);
    }

    [Fact]
    public void A_catch_up_does_not_write_send_times_from_before_the_hearing_was_rescheduled()
    {
        var now = new DateTime(2027, 2, 5, 15, 0, 0, DateTimeKind.Utc);
        var (probe, hearing) = CatchUpInput(now);
        var input = probe with { HearingChangedAtUtc = new Dictionary<Guid, DateTime> { [hearing.Id] = new DateTime(2027, 2, 2, 12, 0, 0, DateTimeKind.Utc) } };
        var window = ReminderPlan.BuildWithin(input, now.AddHours(48));
        Assert.Equal([2, 1], window.Rows.Select(r => r.OffsetDays));
        Assert.All(window.Rows, r => Assert.Equal(ReminderStatus.Pending, r.Status));
    }
}
