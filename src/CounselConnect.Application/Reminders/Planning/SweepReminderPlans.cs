using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>
/// The replan sweep (recurring job <c>reminders:replan-sweep</c>): replans every case with a hearing whose reminders were
/// planned for an older version (<see cref="Hearing.RemindersPlannedVersion"/> ≠ <see cref="Hearing.Version"/>: a reschedule,
/// cancellation or new hearing whose replan never ran, e.g. the server died between saving and replanning) or a judge-set
/// deadline never planned. Up to <paramref name="MaxCases"/> cases per run.
/// </summary>
public sealed record SweepReminderPlansCommand(int MaxCases = 10_000) : ICommand<ReminderSweepResult>;

public sealed record ReminderSweepResult(int CasesFound, BulkPlanResult Plan);

public sealed class SweepReminderPlansHandler(IApplicationDbContext db, BulkReminderPlanner planner) : ICommandHandler<SweepReminderPlansCommand, ReminderSweepResult>
{
    public async ValueTask<ReminderSweepResult> Handle(SweepReminderPlansCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var caseIds = await db.Set<Hearing>().Where(h => h.RemindersPlannedVersion != h.Version).Select(h => h.CaseId)
            .Union(db.Set<JudgeSetDeadline>().Where(d => !d.RemindersPlanned).Select(d => d.CaseId))
            .OrderBy(id => id)
            .Take(Math.Max(1, command.MaxCases))
            .ToListAsync(cancellationToken);
        var plan = caseIds.Count == 0 ? new BulkPlanResult(0, 0, 0, 0) : await planner.PlanCasesAsync(caseIds, cancellationToken);
        return new ReminderSweepResult(caseIds.Count, plan);
    }
}
