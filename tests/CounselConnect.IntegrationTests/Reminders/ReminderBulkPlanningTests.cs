using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>The set-based row store and the replan sweep, against a real database with no web host.</summary>
public abstract class ReminderBulkPlanningTests(ReminderDeliveryDatabase database)
{
    private const string NewYork = "America/New_York";

    [Fact]
    public async Task Row_store_inserts_new_rows_skips_existing_keys_and_the_rows_read_back_and_deliver_like_ef_rows()
    {
        var now = DateTime.UtcNow;
        var caseId = Guid.NewGuid();
        var organisationId = Guid.NewGuid();
        var attorneyId = Guid.NewGuid();
        List<Reminder> Plan(int from, int count) => [.. Enumerable.Range(from, count).Select(i => Reminder.Plan(organisationId, caseId,
            ReminderTargetKind.Deadline, caseId, $"deadline:test:{caseId}:v1", i, RecipientKind.Attorney, attorneyId,
            ReminderChannel.Email, "spa", now.AddDays(30), new DateOnly(2027, 3, 15), $"Rule {i}", now.AddSeconds(-10 - i), now))];

        var first = Plan(1, 10);
        await using (var db = database.NewContext())
        {
            Assert.Equal(10, await new ReminderRowStore(db).InsertMissingAsync(first, CancellationToken.None));
        }

        // The same keys again (new ids) and five new ones: only the new ones are written, the stored rows are untouched.
        var again = Plan(1, 15);
        await using (var db = database.NewContext())
        {
            Assert.Equal(5, await new ReminderRowStore(db).InsertMissingAsync(again, CancellationToken.None));
        }

        await using (var check = database.NewContext())
        {
            var rows = await check.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.OffsetDays).ToListAsync();
            Assert.Equal(15, rows.Count);
            Assert.Equal([.. first.Select(r => r.Id), .. again.Skip(10).Select(r => r.Id)], rows.Select(r => r.Id));
            var expected = again[3];
            var stored = rows[3];
            Assert.Equal((expected.TargetKey, expected.OffsetDays, expected.RecipientId, expected.Channel, expected.Language, expected.DueDate, expected.Label),
                (stored.TargetKey, stored.OffsetDays, stored.RecipientId, stored.Channel, stored.Language, stored.DueDate, stored.Label));
            Assert.Equal(expected.ScheduledForUtc, stored.ScheduledForUtc, TimeSpan.FromMilliseconds(1));
            Assert.Equal(expected.EventAtUtc, stored.EventAtUtc, TimeSpan.FromMilliseconds(1));
            Assert.All(rows, r => Assert.Equal(ReminderStatus.Pending, r.Status));
            Assert.Equal(15, await check.Set<Reminder>().CountAsync(r => r.OrganisationId == organisationId && r.NextAttemptAtUtc <= now));
        }

        // The dispatcher claims and sends them like rows EF wrote.
        var channel = new CountingChannel();
        await using (var db = database.NewContext())
        {
            var dispatcher = ReminderDeliveryDatabase.Dispatcher(db, channel, new ReminderOptions { BatchSize = 1000 });
            await dispatcher.ClaimAndSendBatchAsync("bulk-test", CancellationToken.None);
        }

        Assert.All(first.Concat(again.Skip(10)), r => Assert.Equal(1, channel.Deliveries.GetValueOrDefault(r.Id)));
    }

    [Fact]
    public async Task The_replan_sweep_plans_a_hearing_never_planned_and_replans_a_reschedule_whose_replan_was_missed()
    {
        var now = DateTime.UtcNow;
        var organisationId = Guid.NewGuid();
        var @case = new Case(organisationId, null, $"CC-SW-{Guid.NewGuid():N}"[..20], CustodyStatus.Detained, "NYC", null, null, null, [], "spa", [], false, "test", now);
        var hearing = Hearing.Schedule(@case.Id, organisationId, HearingType.Individual, now.Date.AddDays(40).AddHours(15), NewYork, "NYC",
            "26 Federal Plaza", AppearanceMode.InPerson, "spa", "test", now);
        var judgeSet = JudgeSetDeadline.Enter(@case.Id, DateOnly.FromDateTime(now.AddDays(20)), "Brief per scheduling order", Guid.NewGuid(), now);

        // The case's attorney (an enabled user of the organisation behind a current assignment) gets every reminder.
        var email = $"sweep-{Guid.NewGuid():N}@example.test";
        var attorney = new ApplicationUser { UserName = email, Email = email, DisplayName = "Sweep Attorney", OrganisationId = organisationId };
        var profile = new RepresentativeProfile(organisationId, attorney.Id.ToString(), now);
        await using (var db = database.NewContext())
        {
            db.AddRange(@case, hearing, judgeSet, attorney, profile);
            db.Add(new Assignment(organisationId, @case.Id, profile.Id, AssignmentMethod.AssignedByManager, false, "test", null, now));
            await db.SaveChangesAsync();
        }

        // Saved with no replan (as if the server died before it): the sweep finds the case and plans it.
        var first = await SweepAsync();
        Assert.True(first.CasesFound >= 1);
        await using (var check = database.NewContext())
        {
            var rows = await check.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync();
            Assert.Equal(4, rows.Count(r => r.TargetKey == $"hearing:{hearing.Id}:v1" && r.Status == ReminderStatus.Pending)); // 14, 7, 2 and 1 days
            Assert.Equal(1, (await check.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == hearing.Id)).RemindersPlannedVersion);
            Assert.True((await check.Set<JudgeSetDeadline>().AsNoTracking().SingleAsync(d => d.Id == judgeSet.Id)).RemindersPlanned);
            Assert.Equal(4, rows.Count(r => r.TargetKey == $"deadline:judge-set:{judgeSet.Id}"));
            Assert.All(rows, r => Assert.Equal((RecipientKind.Attorney, attorney.Id), (r.RecipientKind, r.RecipientId)));
        }

        // Rescheduled and saved, and again no replan: the next sweep cancels the v1 rows and plans v2.
        await using (var db = database.NewContext())
        {
            var tracked = await db.Set<Hearing>().SingleAsync(h => h.Id == hearing.Id);
            db.Add(tracked.Reschedule(now.Date.AddDays(60).AddHours(14), null, null, null, "court moved it", "test", now));
            await db.SaveChangesAsync();
        }

        var second = await SweepAsync();
        Assert.True(second.CasesFound >= 1);
        await using (var check = database.NewContext())
        {
            var rows = await check.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync();
            Assert.All(rows.Where(r => r.TargetKey == $"hearing:{hearing.Id}:v1"), r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
            Assert.Equal(4, rows.Count(r => r.TargetKey == $"hearing:{hearing.Id}:v2" && r.Status == ReminderStatus.Pending));
            Assert.Equal(2, (await check.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == hearing.Id)).RemindersPlannedVersion);
        }

        // Nothing left to do for this case: a third sweep does not touch it.
        await using (var db = database.NewContext())
        {
            Assert.False(await db.Set<Hearing>().AnyAsync(h => h.CaseId == @case.Id && h.RemindersPlannedVersion != h.Version));
        }
    }

    /// <summary>A case with a bond hearing (no computed deadlines) <paramref name="daysAhead"/> days away and an assigned attorney.</summary>
    private async Task<(Case Case, Hearing Hearing, Guid AttorneyId)> BondHearingAsync(DateTime now, int daysAhead)
    {
        var organisationId = Guid.NewGuid();
        var @case = new Case(organisationId, null, $"CC-MZ-{Guid.NewGuid():N}"[..20], CustodyStatus.Released, "NYC", null, null, null, [], "spa", [], false, "test", now);
        var hearing = Hearing.Schedule(@case.Id, organisationId, HearingType.Bond, now.Date.AddDays(daysAhead).AddHours(15), NewYork, "NYC",
            "26 Federal Plaza", AppearanceMode.InPerson, "spa", "test", now);
        var email = $"horizon-{Guid.NewGuid():N}@example.test";
        var attorney = new ApplicationUser { UserName = email, Email = email, DisplayName = "Horizon Attorney", OrganisationId = organisationId };
        var profile = new RepresentativeProfile(organisationId, attorney.Id.ToString(), now);
        await using var db = database.NewContext();
        db.AddRange(@case, hearing, attorney, profile);
        db.Add(new Assignment(organisationId, @case.Id, profile.Id, AssignmentMethod.AssignedByManager, false, "test", null, now));
        await db.SaveChangesAsync();
        return (@case, hearing, attorney.Id);
    }

    /// <summary>When the reminder <paramref name="offsetDays"/> days before the hearing goes out: its local time that many days earlier.</summary>
    private static DateTime SendTime(Hearing hearing, int offsetDays) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(hearing.LocalTime.AddDays(-offsetDays), DateTimeKind.Unspecified),
            TimeZoneInfo.FindSystemTimeZoneById(NewYork));

    private async Task<List<Reminder>> RowsAsync(Guid caseId)
    {
        await using var db = database.NewContext();
        return await db.Set<Reminder>().AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync();
    }

    private async Task<CaseReminderPlan> PlanStampAsync(Guid caseId)
    {
        await using var db = database.NewContext();
        return await db.Set<CaseReminderPlan>().AsNoTracking().SingleAsync(p => p.CaseId == caseId);
    }

    private async Task ReplanAsync(Guid caseId, TimeProvider clock)
    {
        await using var db = database.NewContext();
        await new ReminderPlanner(db, new ReminderRecipientDirectory(db), clock, Options.Create(new ReminderOptions())).ReplanCaseAsync(caseId, CancellationToken.None);
    }

    /// <summary>One materialisation run with the default 48-hour horizon, in a context (a "server") of its own.</summary>
    private async Task<MaterialiseResult> MaterialiseAsync(TimeProvider clock)
    {
        await using var db = database.NewContext();
        var options = Options.Create(new ReminderOptions());
        var directory = new ReminderRecipientDirectory(db);
        var bulk = new BulkReminderPlanner(db, directory, new ReminderRowStore(db), new ReminderPlanner(db, directory, clock, options), clock, options);
        return await new MaterialiseDueRemindersHandler(bulk, options).Handle(new MaterialiseDueRemindersCommand(), CancellationToken.None);
    }

    [Fact]
    public async Task A_hearing_60_days_out_gets_no_rows_at_planning_and_each_reminder_row_once_the_clock_passes_the_horizon_even_on_two_servers()
    {
        var start = DateTime.UtcNow;
        var clock = new MovableClock(start);
        var (@case, hearing, attorneyId) = await BondHearingAsync(start, 60);
        var horizon = new ReminderOptions().MaterialiseHorizon;

        // Planning: no rows, one stamp saying when the first reminder (14 days before) is due.
        await ReplanAsync(@case.Id, clock);
        Assert.Empty(await RowsAsync(@case.Id));
        var stamp = await PlanStampAsync(@case.Id);
        Assert.Equal(SendTime(hearing, 14), stamp.NextDueAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(1, stamp.Version);
        await using (var db = database.NewContext())
        {
            Assert.Equal(1, (await db.Set<Hearing>().AsNoTracking().SingleAsync(h => h.Id == hearing.Id)).RemindersPlannedVersion);
        }

        // A materialisation now writes nothing for it: the 14-day reminder is still beyond the horizon.
        await MaterialiseAsync(clock);
        Assert.Empty(await RowsAsync(@case.Id));

        // Once the clock brings the 14-day reminder within the horizon, two servers materialise at once: one row, written once.
        foreach (var offset in new[] { 14, 7, 2, 1 })
        {
            var sendAt = SendTime(hearing, offset);
            clock.Advance(sendAt - horizon + TimeSpan.FromMinutes(1) - clock.GetUtcNow().UtcDateTime);
            await Task.WhenAll(MaterialiseAsync(clock), MaterialiseAsync(clock));
            await MaterialiseAsync(clock);
            var rows = await RowsAsync(@case.Id);
            var row = Assert.Single(rows, r => r.OffsetDays == offset);
            Assert.Equal((ReminderStatus.Pending, RecipientKind.Attorney, attorneyId, $"hearing:{hearing.Id}:v1"), (row.Status, row.RecipientKind, row.RecipientId, row.TargetKey));
            Assert.Equal(sendAt, row.ScheduledForUtc, TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(rows, r => r.OffsetDays < offset);
        }

        Assert.Equal(4, (await RowsAsync(@case.Id)).Count);
        Assert.Null((await PlanStampAsync(@case.Id)).NextDueAtUtc);
    }

    [Fact]
    public async Task A_replan_that_read_the_case_before_its_hearing_was_saved_does_not_push_the_stamp_back()
    {
        var start = DateTime.UtcNow;
        var clock = new MovableClock(start);
        var (@case, hearing, _) = await BondHearingAsync(start, 60);
        await ReplanAsync(@case.Id, clock);
        var planned = await PlanStampAsync(@case.Id);

        // A plan computed without the hearing (as by a job that read the case before the hearing was saved) stores "nothing due".
        await using (var db = database.NewContext())
        {
            await new ReminderRowStore(db).UpsertPlansAsync([CaseReminderPlan.For(@case.Id, @case.OrganisationId, null, start)], CancellationToken.None);
        }

        var after = await PlanStampAsync(@case.Id);
        Assert.Equal(planned.NextDueAtUtc, after.NextDueAtUtc);
        Assert.Equal(planned.Version + 1, after.Version);

        // An earlier due time does replace it.
        var earlier = SendTime(hearing, 30);
        await using (var db = database.NewContext())
        {
            await new ReminderRowStore(db).UpsertPlansAsync([CaseReminderPlan.For(@case.Id, @case.OrganisationId, earlier, start)], CancellationToken.None);
        }

        Assert.Equal(earlier, (await PlanStampAsync(@case.Id)).NextDueAtUtc!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Rescheduling_before_materialisation_moves_the_plan_and_a_materialisation_that_read_the_old_plan_leaves_it()
    {
        var start = DateTime.UtcNow;
        var clock = new MovableClock(start);
        var (@case, hearing, _) = await BondHearingAsync(start, 60);
        await ReplanAsync(@case.Id, clock);
        var before = await PlanStampAsync(@case.Id);

        // Moved to 30 days out and replanned: still no rows, the stamp follows the new date and its version goes up.
        Hearing moved;
        await using (var db = database.NewContext())
        {
            moved = await db.Set<Hearing>().SingleAsync(h => h.Id == hearing.Id);
            db.Add(moved.Reschedule(start.Date.AddDays(30).AddHours(16), null, null, null, "court moved it", "test", start));
            await db.SaveChangesAsync();
        }

        await ReplanAsync(@case.Id, clock);
        Assert.Empty(await RowsAsync(@case.Id));
        var after = await PlanStampAsync(@case.Id);
        Assert.Equal(SendTime(moved, 14), after.NextDueAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(before.Version + 1, after.Version);

        // A materialisation that read the plan before the replan cannot move the stamp (its version is gone).
        await using (var db = database.NewContext())
        {
            var stale = CaseReminderPlan.For(@case.Id, @case.OrganisationId, null, start, before.Version);
            Assert.Equal(0, await new ReminderRowStore(db).AdvancePlansAsync([stale], CancellationToken.None));
        }

        Assert.Equal(after.NextDueAtUtc, (await PlanStampAsync(@case.Id)).NextDueAtUtc);

        // When the new date's 14-day reminder comes within the horizon, only the new version's row is written.
        clock.Advance(SendTime(moved, 14) - new ReminderOptions().MaterialiseHorizon + TimeSpan.FromMinutes(1) - start);
        await MaterialiseAsync(clock);
        var row = Assert.Single(await RowsAsync(@case.Id));
        Assert.Equal(($"hearing:{hearing.Id}:v2", 14), (row.TargetKey, row.OffsetDays));

        // A cancellation then cancels the materialised row and clears the stamp.
        await using (var db = database.NewContext())
        {
            var tracked = await db.Set<Hearing>().SingleAsync(h => h.Id == hearing.Id);
            db.Add(tracked.Cancel("terminated", "test", clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        await ReplanAsync(@case.Id, clock);
        Assert.Equal(ReminderStatus.Cancelled, Assert.Single(await RowsAsync(@case.Id)).Status);

        // A replan never pushes the stamp back (a concurrent replan may have read older data); the next materialisation
        // finds nothing left to write and clears it.
        var left = await PlanStampAsync(@case.Id);
        Assert.Equal(SendTime(moved, 7), left.NextDueAtUtc!.Value, TimeSpan.FromSeconds(1));
        clock.Advance(left.NextDueAtUtc.Value - new ReminderOptions().MaterialiseHorizon + TimeSpan.FromMinutes(1) - clock.GetUtcNow().UtcDateTime);
        await MaterialiseAsync(clock);
        Assert.Equal(ReminderStatus.Cancelled, Assert.Single(await RowsAsync(@case.Id)).Status);
        Assert.Null((await PlanStampAsync(@case.Id)).NextDueAtUtc);
    }

    [Fact]
    public async Task Materialisation_down_longer_than_the_horizon_sends_the_last_missed_reminder_late_and_records_the_others_as_missed_once()
    {
        var start = DateTime.UtcNow;
        var clock = new MovableClock(start);
        var (@case, hearing, attorneyId) = await BondHearingAsync(start, 20);
        await ReplanAsync(@case.Id, clock);
        Assert.Empty(await RowsAsync(@case.Id));

        // The job is down from planning until an hour after the 7-day send time (five days past the horizon): the 14- and 7-day
        // reminders were never written. When it runs again (on two servers at once, then once more), the 7-day one is written
        // due now and the 14-day one as missed; the 2-day one is beyond the horizon and stays in the stamp.
        clock.Advance(SendTime(hearing, 7) + TimeSpan.FromHours(1) - start);
        var now = clock.GetUtcNow().UtcDateTime;
        await Task.WhenAll(MaterialiseAsync(clock), MaterialiseAsync(clock));
        await MaterialiseAsync(clock);
        var rows = (await RowsAsync(@case.Id)).ToDictionary(r => r.OffsetDays);
        Assert.Equal([7, 14], rows.Keys.Order());
        Assert.Equal((ReminderStatus.Failed, Reminder.MissedSuperseded, 0), (rows[14].Status, rows[14].LastError, rows[14].Attempts));
        Assert.Equal(SendTime(hearing, 14), rows[14].ScheduledForUtc, TimeSpan.FromSeconds(1));
        Assert.Equal((ReminderStatus.Pending, (string?)null, attorneyId), (rows[7].Status, rows[7].LastError, rows[7].RecipientId));
        Assert.True(rows[7].NextAttemptAtUtc <= now.AddHours(12), "the late reminder is due now, or when the recipient's quiet hours end");
        Assert.Equal(SendTime(hearing, 2), (await PlanStampAsync(@case.Id)).NextDueAtUtc!.Value, TimeSpan.FromSeconds(1));

        // Down again until after the hearing: the 2- and 1-day reminders are recorded as missed, nothing is left due.
        clock.Advance(hearing.ScheduledAtUtc + TimeSpan.FromDays(1) - now);
        await MaterialiseAsync(clock);
        await MaterialiseAsync(clock);
        var after = await RowsAsync(@case.Id);
        Assert.Equal(4, after.Count);
        Assert.All(after.Where(r => r.OffsetDays is 2 or 1), r => Assert.Equal((ReminderStatus.Failed, Reminder.MissedEventPassed), (r.Status, r.LastError)));
        Assert.Null((await PlanStampAsync(@case.Id)).NextDueAtUtc);
    }

    private async Task<ReminderSweepResult> SweepAsync()
    {
        await using var db = database.NewContext();
        var options = Options.Create(new ReminderOptions());
        var directory = new ReminderRecipientDirectory(db);
        var planner = new ReminderPlanner(db, directory, TimeProvider.System, options);
        var bulk = new BulkReminderPlanner(db, directory, new ReminderRowStore(db), planner, TimeProvider.System, options);
        var result = await new SweepReminderPlansHandler(db, bulk).Handle(new SweepReminderPlansCommand(), CancellationToken.None);

        // The sweep writes only the rows due within the horizon; write the rest, as the materialisation job will when their time comes.
        await bulk.MaterialiseDueAsync(TimeSpan.FromDays(400), 100_000, CancellationToken.None);
        return result;
    }
}

public sealed class PostgresReminderBulkPlanningTests(PostgresReminderDatabase database) : ReminderBulkPlanningTests(database), IClassFixture<PostgresReminderDatabase>;

public sealed class SqliteReminderBulkPlanningTests(SqliteReminderDatabase database) : ReminderBulkPlanningTests(database), IClassFixture<SqliteReminderDatabase>;
