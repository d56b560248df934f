using CounselConnect.Application.Administration.Retention;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Organisations;
using CounselConnect.Domain.Outcomes;
using CounselConnect.Domain.People;
using CounselConnect.Domain.Reminders;
using CounselConnect.Domain.Retention;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// Retention end: a case closed (a decided outcome recorded) or declined more than its organisation's retention
/// period ago, with no legal hold in force and a data key still alive, is erased. Erasing destroys the case's data
/// key (names, birth dates, A-numbers, contacts become unreadable here and in every backup), removes the A-number's
/// keyed hash, and blanks the free-text notes stored in clear beside the case (decline reason, assignment notes,
/// hearing locations and change reasons, deadline descriptions, reminder labels and errors, conflict decision
/// reasons). Ids, dates and codes stay, so reports and the audit trail keep their counts.
/// </summary>
public sealed class RetentionPurge(
    AppDbContext db, DataKeyShredder shredder, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionPurge> logger)
    : IRetentionPurge
{
    public const string Erased = "(erased)";

    public async Task<IReadOnlyList<Guid>> PurgeDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organisations = await db.Set<Organisation>().AsNoTracking().Select(o => new { o.Id, o.RetentionDaysAfterClosing }).ToListAsync(ct);
        var purged = new List<Guid>();
        foreach (var organisation in organisations)
        {
            if ((organisation.RetentionDaysAfterClosing ?? options.Value.DefaultDaysAfterClosing) is not { } days)
            {
                continue;
            }

            foreach (var caseId in await DueAsync(organisation.Id, now.AddDays(-days), ct))
            {
                await EraseCaseAsync(organisation.Id, caseId, ct);
                purged.Add(caseId);
            }
        }

        logger.LogInformation("Retention purge erased {Cases} cases", purged.Count);
        return purged;
    }

    private Task<List<Guid>> DueAsync(Guid organisationId, DateTime cutoffUtc, CancellationToken ct)
    {
        var closed = db.Set<CaseClosing>().Where(c => c.OrganisationId == organisationId && c.Outcome != CourtOutcome.Pending && c.RecordedAtUtc < cutoffUtc)
            .Select(c => c.CaseId);
        var declined = db.Set<Case>().Where(c => c.OrganisationId == organisationId && c.Status == CaseStatus.Declined && c.StatusChangedAtUtc < cutoffUtc)
            .Select(c => c.Id);
        return closed.Union(declined)
            .Where(id => !db.Set<LegalHold>().Any(h => h.CaseId == id && h.ReleasedAtUtc == null))
            .Where(id => db.Set<DataKey>().Any(k => k.ScopeId == id && k.DestroyedAtUtc == null))
            .Take(500)
            .ToListAsync(ct);
    }

    /// <summary>One case, in one transaction: the notes are blanked and the key destroyed together, or neither.</summary>
    /// <remarks>
    /// The transaction runs as one unit of the execution strategy, which retries it whole on a transient fault
    /// (a retrying strategy refuses a transaction it does not run; ADR 0012).
    /// </remarks>
    private Task EraseCaseAsync(Guid organisationId, Guid caseId, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(ct, attemptCt => EraseCaseOnceAsync(organisationId, caseId, attemptCt));

    private async Task EraseCaseOnceAsync(Guid organisationId, Guid caseId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Party>().Where(p => p.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => EF.Property<string?>(p, ProtectedData.ANumberIndexProperty), (string?)null), ct);
        await db.Set<Case>().Where(c => c.Id == caseId && c.DeclineReason != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeclineReason, Erased), ct);
        await db.Set<Assignment>().Where(a => a.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Note, (string?)null).SetProperty(a => a.EndReason, a => a.EndReason == null ? null : Erased), ct);
        var hearings = db.Set<Hearing>().Where(h => h.CaseId == caseId).Select(h => h.Id);
        await db.Set<Hearing>().Where(h => h.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Location, (string?)null), ct);
        await db.Set<HearingChange>().Where(c => hearings.Contains(c.HearingId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Reason, (string?)null).SetProperty(c => c.PreviousLocation, (string?)null), ct);
        await db.Set<JudgeSetDeadline>().Where(d => d.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Description, Erased), ct);
        await db.Set<Reminder>().Where(r => r.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Label, (string?)null).SetProperty(r => r.LastError, (string?)null), ct);
        var checks = db.Set<ConflictCheck>().Where(c => c.CaseId == caseId).Select(c => c.Id);
        await db.Set<ConflictMatch>().Where(m => checks.Contains(m.ConflictCheckId) && m.DecisionReason != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DecisionReason, Erased), ct);
        db.Set<AuditEntry>().Add(new AuditEntry(organisationId, "system", "retention.purge", "Case", caseId, "all", "(retention job)",
            clock.GetUtcNow().UtcDateTime));
        await shredder.DestroyAsync(caseId, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
