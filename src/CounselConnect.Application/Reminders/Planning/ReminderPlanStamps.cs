using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>
/// Records that a plan was applied: each hearing's <see cref="Hearing.RemindersPlannedVersion"/> becomes the version that was
/// planned, and each judge-set deadline is marked planned. The update requires the version the planner read, so a hearing
/// rescheduled meanwhile keeps its old stamp and the replan sweep (<see cref="SweepReminderPlansHandler"/>) picks it up.
/// </summary>
public static class ReminderPlanStamps
{
    public static async Task StampAsync(IApplicationDbContext db, IEnumerable<Hearing> planned, IEnumerable<JudgeSetDeadline> judgeSet,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var group in planned.Where(h => h.RemindersPlannedVersion != h.Version).GroupBy(h => h.Version))
        {
            var version = group.Key;
            foreach (var chunk in group.Select(h => h.Id).Chunk(1000))
            {
                await db.Set<Hearing>().Where(h => chunk.Contains(h.Id) && h.Version == version)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.RemindersPlannedVersion, version), cancellationToken);
            }
        }

        foreach (var chunk in judgeSet.Where(d => !d.RemindersPlanned).Select(d => d.Id).Chunk(1000))
        {
            await db.Set<JudgeSetDeadline>().Where(d => chunk.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.RemindersPlanned, true), cancellationToken);
        }
    }
}
