using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Intake;

/// <summary>
/// Loads intake records the caller may see: same organisation, and for intake staff with an office, only their
/// office's records. Anything else is reported as not found, so ids of other programs' cases reveal nothing.
/// </summary>
public sealed class IntakeAccess(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit)
{
    public Guid RequireOrganisation() =>
        user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public IQueryable<Case> VisibleCases()
    {
        var organisationId = RequireOrganisation();
        var cases = db.Set<Case>().Where(c => c.OrganisationId == organisationId);
        if (user.IsInRole(Roles.IntakeStaff) && user.OfficeId is { } officeId)
        {
            cases = cases.Where(c => c.OfficeId == officeId);
        }

        return cases;
    }

    public async Task<Case> GetCaseAsync(Guid id, CancellationToken ct) =>
        await VisibleCases().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Intake");

    public async Task<ConflictCheck?> GetCheckAsync(Guid caseId, CancellationToken ct) =>
        await db.Set<ConflictCheck>().Include(c => c.Matches)
            .Where(c => c.CaseId == caseId)
            .OrderByDescending(c => c.PerformedAtUtc)
            .FirstOrDefaultAsync(ct);

    /// <summary>The full intake view (personal data: audited as a read).</summary>
    public async Task<IntakeDto> ReadAsync(Case intake, CancellationToken ct)
    {
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.CaseId == intake.Id).ToListAsync(ct);
        var check = await GetCheckAsync(intake.Id, ct);
        var matchedIds = check?.Matches.Select(m => m.PartyId).Distinct().ToList() ?? [];
        var matched = await db.Set<Party>().AsNoTracking().Where(p => matchedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var client = parties.First(p => p.Id == intake.ClientPartyId);
        var related = parties.Where(p => p.Id != intake.ClientPartyId).OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.Id).Select(p => p.ToDto()).ToList();

        ConflictCheckDto? checkDto = null;
        if (check is not null)
        {
            checkDto = new ConflictCheckDto(check.Id, check.Outcome, check.PerformedAtUtc,
                [.. check.Matches.OrderByDescending(m => m.Score).ThenBy(m => m.PartyId).Select(m =>
                {
                    matched.TryGetValue(m.PartyId, out var p);
                    return new ConflictMatchDto(m.Id, m.PartyId, p?.ExternalId, p?.CaseReference, p?.Role ?? "unknown", m.MatchedFor,
                        m.Score, m.Level, m.Reasons, p?.ToDto(), m.Decision, m.DecisionReason, m.DecidedBy, m.DecidedAtUtc);
                })]);
        }

        var canAccept = intake.Status == CaseStatus.Intake
            && (check is null || check.Matches.All(m => m.Decision is MatchDecision.NoConflict or MatchDecision.Waived));
        audit.Record("intake.read", "Case", intake.Id, "identity");
        await db.SaveChangesAsync(ct);
        return new IntakeDto(intake.Id, intake.Reference, intake.Status, intake.Custody, intake.CourtCode, intake.HearingLocation,
            intake.NextHearingUtc, intake.NextHearingType, intake.ReliefSought, intake.PrimaryLanguage, intake.Languages,
            intake.InterpreterNeeded, client.ToDto(), related, checkDto, canAccept, intake.DeclineReason, intake.CreatedAtUtc);
    }
}
