using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>Replans through Hangfire: the jobs carry a case or organisation id only.</summary>
public sealed class ReminderReplanQueue(IBackgroundJobClient jobs) : IReminderReplanQueue
{
    public void ReplanCase(Guid caseId) => jobs.Enqueue<ReplanCaseRemindersJob>(job => job.RunAsync(caseId, CancellationToken.None));

    public void ReplanOrganisation(Guid organisationId) =>
        jobs.Enqueue<ReplanOrganisationRemindersJob>(job => job.RunAsync(organisationId, CancellationToken.None));
}

/// <summary>Brings one case's reminder rows in line with its plan (e.g. after its assignment changed). Idempotent.</summary>
public sealed class ReplanCaseRemindersJob(ReminderPlanner planner)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid caseId, CancellationToken cancellationToken) => await planner.ReplanCaseAsync(caseId, cancellationToken);
}

/// <summary>Replans every case of an organisation that has something to be reminded of (after its schedule changed).</summary>
public sealed class ReplanOrganisationRemindersJob(AppDbContext db, BulkReminderPlanner planner)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        var caseIds = await db.Set<Hearing>().Where(h => h.OrganisationId == organisationId && h.Status == HearingStatus.Scheduled).Select(h => h.CaseId)
            .Union(db.Set<JudgeSetDeadline>().Where(d => db.Set<Case>().Any(c => c.Id == d.CaseId && c.OrganisationId == organisationId))
                .Select(d => d.CaseId))
            .ToListAsync(cancellationToken);
        await planner.PlanCasesAsync(caseIds, cancellationToken);
    }
}
