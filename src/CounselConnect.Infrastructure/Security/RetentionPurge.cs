using CounselConnect.Application.Administration.Retention;
using CounselConnect.Application.Imports;
using CounselConnect.Application.Intake;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Imports;
using CounselConnect.Domain.Inbox;
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
/// keyed hash, and so makes the free text sealed under that key unreadable too (decline reason, assignment notes and
/// end reasons, hearing change reasons, judge-set deadline descriptions, conflict decision reasons: see
/// <see cref="SealedText"/>; they read as <see cref="Erased"/>). It blanks what is still stored in clear beside the
/// case (the case's, its hearings', hearing changes' and inbox items' hearing locations, reminder labels and errors, the
/// reasons of its legal holds and break-glass grants, and any of those notes not sealed yet). Ids, dates and codes
/// stay, so reports and the audit trail keep their counts. Each run also discards uploaded import files left behind:
/// those of imports that ended, and those of imports that have not moved for <see cref="ImportFileMaxIdle"/>.
/// </summary>
public sealed class RetentionPurge(
    AppDbContext db, DataKeyShredder shredder, IImportFileStore importFiles, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<RetentionPurge> logger)
    : IRetentionPurge
{
    /// <summary>What erased free text reads as.</summary>
    public const string Erased = SealedText.Erased;

    /// <summary>How long an uploaded import file may wait without its import moving before it is discarded.</summary>
    public static readonly TimeSpan ImportFileMaxIdle = TimeSpan.FromDays(2);

    private static string Clear<TEntity>(string field) => SealedText.FieldsOf(typeof(TEntity))!.Single(f => f.Name == field).ClearProperty;

    public async Task<IReadOnlyList<Guid>> PurgeDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await DiscardLeftImportFilesAsync(now, ct);
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

    /// <summary>
    /// Import files whose import ended (or is gone) or has not moved for <see cref="ImportFileMaxIdle"/>, and live
    /// data keys of imports whose file is gone (a crash between the two steps of a discard): destroyed.
    /// </summary>
    private async Task DiscardLeftImportFilesAsync(DateTime nowUtc, CancellationToken ct)
    {
        var idleSince = nowUtc - ImportFileMaxIdle;
        var left = await db.Set<ImportFile>().AsNoTracking()
            .Where(f => !db.Set<PartyImport>().Any(i => i.Id == f.ImportId
                && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running) && i.LastActivityAtUtc >= idleSince))
            .Select(f => f.ImportId)
            .Union(db.Set<DataKey>().AsNoTracking()
                .Where(k => k.DestroyedAtUtc == null && db.Set<PartyImport>().Any(i => i.Id == k.ScopeId) && !db.Set<ImportFile>().Any(f => f.ImportId == k.ScopeId))
                .Select(k => k.ScopeId))
            .ToListAsync(ct);
        foreach (var importId in left)
        {
            await importFiles.DiscardAsync(importId, ct);
        }

        if (left.Count > 0)
        {
            logger.LogInformation("Retention purge discarded {Files} import files left behind", left.Count);
        }
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
            .OrderBy(id => id)
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
        // The free text about the case is sealed under the case's data key (SealedText), destroyed below; rows an
        // earlier release stored in clear and the sealer has not reached yet are emptied here.
        await db.Set<Case>().Where(c => c.Id == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<string?>(c, Clear<Case>(nameof(Case.DeclineReason))), (string?)null)
                .SetProperty(c => c.HearingLocation, (string?)null), ct);
        await db.Set<InboxItem>().Where(i => i.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(i => i.HearingLocation, (string?)null), ct);
        // Holds and break-glass grants stay as history (who, when); their reasons are notes in clear, required columns.
        await db.Set<LegalHold>().Where(h => h.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Reason, Erased), ct);
        await db.Set<BreakGlassGrant>().Where(g => g.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(g => g.Reason, Erased), ct);
        await db.Set<Assignment>().Where(a => a.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => EF.Property<string?>(a, Clear<Assignment>(nameof(Assignment.Note))), (string?)null)
                .SetProperty(a => EF.Property<string?>(a, Clear<Assignment>(nameof(Assignment.EndReason))), (string?)null), ct);
        var hearings = db.Set<Hearing>().Where(h => h.CaseId == caseId).Select(h => h.Id);
        await db.Set<Hearing>().Where(h => h.CaseId == caseId).ExecuteUpdateAsync(s => s.SetProperty(h => h.Location, (string?)null), ct);
        await db.Set<HearingChange>().Where(c => hearings.Contains(c.HearingId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<string?>(c, Clear<HearingChange>(nameof(HearingChange.Reason))), (string?)null)
                .SetProperty(c => c.PreviousLocation, (string?)null), ct);
        await db.Set<JudgeSetDeadline>().Where(d => d.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => EF.Property<string?>(d, Clear<JudgeSetDeadline>(nameof(JudgeSetDeadline.Description))), (string?)null)
                .SetProperty(d => EF.Property<string?>(d, ProtectedData.SameDeadlineIndexProperty), (string?)null), ct);
        await db.Set<Reminder>().Where(r => r.CaseId == caseId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Label, (string?)null).SetProperty(r => r.LastError, (string?)null), ct);
        var checks = db.Set<ConflictCheck>().Where(c => c.CaseId == caseId).Select(c => c.Id);
        await db.Set<ConflictMatch>().Where(m => checks.Contains(m.ConflictCheckId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<string?>(m, Clear<ConflictMatch>(nameof(ConflictMatch.DecisionReason))), (string?)null), ct);
        db.Set<AuditEntry>().Add(new AuditEntry(organisationId, "system", IntakeAccess.RetentionPurgeAction, "Case", caseId, "all", "(retention job)",
            clock.GetUtcNow().UtcDateTime));
        await shredder.DestroyAsync(caseId, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
