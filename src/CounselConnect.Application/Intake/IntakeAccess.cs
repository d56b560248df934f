using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Auditing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Conflicts;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.People;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Intake;

/// <summary>
/// Loads intake records the caller may see: same organisation; for intake staff only their own office's records
/// (staff without an office see only records taken without one); for an attorney (who is not also intake staff) only
/// the cases currently assigned to them; for an administrator (who holds no case-work role) only the cases they hold a
/// live break-glass grant for. Integration clients (no role, a scope) see their organisation's cases. Anything else
/// is reported as not found, so ids of other programs' and offices' cases reveal nothing.
/// </summary>
public sealed class IntakeAccess(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>Shown in place of the names and details of a party protected under 8 U.S.C. 1367.</summary>
    public const string ProtectedMatchNotice = "A protected record matches — contact a program manager.";

    /// <summary>The audit action the retention purge records when it erases a case (its time is when the case was erased).</summary>
    public const string RetentionPurgeAction = "retention.purge";

    /// <summary>The audit action of showing a matched party's names, birth date and A-number in an intake view.</summary>
    public const string MatchedPartyRead = "intake.matched_party";

    public Guid RequireOrganisation() =>
        user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public IQueryable<Case> VisibleCases()
    {
        var organisationId = RequireOrganisation();
        var cases = db.Set<Case>().Where(c => c.OrganisationId == organisationId);
        if (user.IsInRole(Roles.IntakeStaff))
        {
            var officeId = user.OfficeId;
            cases = officeId is { } office ? cases.Where(c => c.OfficeId == office) : cases.Where(c => c.OfficeId == null);
        }
        else if (user.IsInRole(Roles.Attorney))
        {
            // Only cases the caller's representative profile holds now: an ended assignment gives no further access.
            var subject = user.Subject ?? string.Empty;
            cases = cases.Where(c => db.Set<Assignment>().Any(a => a.CaseId == c.Id && a.OrganisationId == organisationId && a.EndedAtUtc == null
                && db.Set<RepresentativeProfile>().Any(p => p.Id == a.RepresentativeId && p.UserSubject == subject)));
        }
        else if (IsBreakGlassOnly)
        {
            var subject = user.Subject ?? string.Empty;
            var now = clock.GetUtcNow().UtcDateTime;
            cases = cases.Where(c => db.Set<BreakGlassGrant>().Any(g =>
                g.CaseId == c.Id && g.OrganisationId == organisationId && g.GrantedTo == subject && g.GrantedAtUtc <= now && g.ExpiresAtUtc > now));
        }

        return cases;
    }

    /// <summary>An administrator with no case-work role: client files open only through break-glass access.</summary>
    public bool IsBreakGlassOnly => user.IsInRole(Roles.Administrator) && !user.IsInRole(Roles.IntakeStaff) && !user.IsInRole(Roles.Attorney);

    public async Task<Case> GetCaseAsync(Guid id, CancellationToken ct) =>
        await VisibleCases().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Intake");

    public async Task<ConflictCheck?> GetCheckAsync(Guid caseId, CancellationToken ct) =>
        await db.Set<ConflictCheck>().Include(c => c.Matches)
            .Where(c => c.CaseId == caseId)
            .OrderByDescending(c => c.PerformedAtUtc)
            .FirstOrDefaultAsync(ct);

    /// <summary>The full intake view (personal data: audited as a read, under <paramref name="action"/>).</summary>
    public async Task<IntakeDto> ReadAsync(Case intake, CancellationToken ct, string action = "intake.read")
    {
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.CaseId == intake.Id).ToListAsync(ct);
        var check = await GetCheckAsync(intake.Id, ct);
        var matchedIds = check?.Matches.Select(m => m.PartyId).Distinct().ToList() ?? [];
        var matched = await db.Set<Party>().AsNoTracking().Where(p => matchedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var protectedIds = await ProtectedPartyIdsAsync(matchedIds.Where(id => !parties.Exists(p => p.Id == id)).ToList(), ct);
        var zone = intake.NextHearingUtc is { } next
            ? await db.Set<Hearing>().AsNoTracking()
                .Where(h => h.CaseId == intake.Id && h.ScheduledAtUtc == next && h.Status == HearingStatus.Scheduled)
                .Select(h => h.TimeZoneId).FirstOrDefaultAsync(ct)
            : null;
        var erasedAtUtc = parties.Exists(p => p.Id == intake.ClientPartyId && p.IsErased)
            ? await db.Set<AuditEntry>().AsNoTracking()
                .Where(a => a.OrganisationId == intake.OrganisationId && a.EntityType == "Case" && a.EntityId == intake.Id && a.Action == RetentionPurgeAction)
                .Select(a => (DateTime?)a.AtUtc).MaxAsync(ct)
            : null;
        var dto = ToDto(intake, zone, parties, check, matched, protectedIds) with { ErasedAtUtc = erasedAtUtc };
        audit.Record(action, "Case", intake.Id, "identity");
        RecordMatchedPartyReads(intake.Id, matched, protectedIds);
        await db.SaveChangesAsync(ct);
        return dto;
    }

    /// <summary>
    /// Saves a new intake with its parties and conflict check, and returns its view, audited as a read: the same
    /// entries and answer as saving and then calling <see cref="ReadAsync"/>, but the view is built from what is in
    /// memory (the matched parties and their protection in one query, none when nothing matched) and the intake and
    /// its read are stored in one save.
    /// </summary>
    public async Task<IntakeDto> SaveNewAndReadAsync(Case intake, IReadOnlyList<Party> parties, ConflictCheck check, CancellationToken ct)
    {
        var matchedIds = check.Matches.Select(m => m.PartyId).Distinct().ToList();
        Dictionary<Guid, Party> matched = [];
        HashSet<Guid> protectedIds = [];
        if (matchedIds.Count > 0)
        {
            // The new intake's own parties are not stored yet, so every match is another case's party.
            await foreach (var row in MatchedParties.For(db.Context)(db.Context, matchedIds).WithCancellation(ct))
            {
                matched[row.Party.Id] = row.Party;
                if (row.Protected)
                {
                    protectedIds.Add(row.Party.Id);
                }
            }
        }

        // The intake's first hearing, if one was given, is added but not saved yet: its zone is read from memory.
        var zone = db.Set<Hearing>().Local
            .FirstOrDefault(h => h.CaseId == intake.Id && h.ScheduledAtUtc == intake.NextHearingUtc && h.Status == HearingStatus.Scheduled)?.TimeZoneId;
        audit.Record("intake.read", "Case", intake.Id, "identity");
        RecordMatchedPartyReads(intake.Id, matched, protectedIds);
        await db.SaveChangesAsync(ct);
        return ToDto(intake, zone, parties, check, matched, protectedIds);
    }

    /// <summary>
    /// Staff deciding a conflict see each matched party's names, birth date and A-number: a read of another client's
    /// file, audited against that party's case (one entry per case; a party with no case, such as an imported one, by
    /// itself). Protected parties' matches show none of it and are not recorded.
    /// </summary>
    private void RecordMatchedPartyReads(Guid intakeId, Dictionary<Guid, Party> matched, HashSet<Guid> protectedIds)
    {
        foreach (var (entityType, entityId) in matched.Values.Where(p => p.CaseId != intakeId && !protectedIds.Contains(p.Id))
                     .Select(p => p.CaseId is { } caseId ? ("Case", caseId) : ("Party", p.Id)).Distinct())
        {
            audit.Record(MatchedPartyRead, entityType, entityId, "identity");
        }
    }

    /// <summary>
    /// Parties matched by a new intake's check, with their case's 8 U.S.C. 1367 protection. Compiled once: every intake
    /// with a match runs it.
    /// </summary>
    private static readonly CompiledQuery<Func<DbContext, List<Guid>, IAsyncEnumerable<MatchedParty>>> MatchedParties = new(() => EF.CompileAsyncQuery(
        (DbContext db, List<Guid> ids) => db.Set<Party>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new MatchedParty(p, db.Set<Case>().Any(c => c.Id == p.CaseId && c.Protection != CaseProtection.None)))));

    private sealed record MatchedParty(Party Party, bool Protected);

    private static IntakeDto ToDto(Case intake, string? nextHearingZone, IReadOnlyList<Party> parties, ConflictCheck? check, Dictionary<Guid, Party> matched, HashSet<Guid> protectedIds)
    {
        var client = parties.First(p => p.Id == intake.ClientPartyId);
        var related = parties.Where(p => p.Id != intake.ClientPartyId).OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.Id).Select(p => p.ToDto()).ToList();

        ConflictCheckDto? checkDto = null;
        if (check is not null)
        {
            checkDto = new ConflictCheckDto(check.Id, check.Outcome, check.PerformedAtUtc,
                [.. check.Matches.OrderByDescending(m => m.Score).ThenBy(m => m.PartyId).Select(m =>
                {
                    matched.TryGetValue(m.PartyId, out var p);
                    if (protectedIds.Contains(m.PartyId))
                    {
                        return new ConflictMatchDto(m.Id, Guid.Empty, null, null, "protected", m.MatchedFor, m.Score, m.Level, [ProtectedMatchNotice],
                            null, m.Decision, m.DecisionReason, m.DecidedBy, m.DecidedAtUtc);
                    }

                    return new ConflictMatchDto(m.Id, m.PartyId, p?.ExternalId, p?.CaseReference, p?.Role ?? "unknown", m.MatchedFor,
                        m.Score, m.Level, m.Reasons, p?.ToDto(), m.Decision, m.DecisionReason, m.DecidedBy, m.DecidedAtUtc);
                })]);
        }

        var canAccept = intake.Status == CaseStatus.Intake
            && (check is null || check.Matches.All(m => m.Decision is MatchDecision.NoConflict or MatchDecision.Waived));
        return new IntakeDto(intake.Id, intake.Reference, intake.Status, intake.Custody, intake.CourtCode, intake.HearingLocation,
            intake.NextHearingUtc, nextHearingZone, intake.NextHearingType, intake.ReliefSought, intake.PrimaryLanguage, intake.Languages,
            intake.InterpreterNeeded, client.ToDto(), related, checkDto, canAccept, intake.DeclineReason, intake.CreatedAtUtc);
    }

    /// <summary>
    /// Of <paramref name="partyIds"/>, the parties of cases protected under 8 U.S.C. 1367: their match details are
    /// replaced by <see cref="ProtectedMatchNotice"/> (the match still counts for the outcome).
    /// </summary>
    public async Task<HashSet<Guid>> ProtectedPartyIdsAsync(IReadOnlyCollection<Guid> partyIds, CancellationToken ct)
    {
        if (partyIds.Count == 0)
        {
            return [];
        }

        var ids = await (from p in db.Set<Party>()
                         join c in db.Set<Case>() on p.CaseId equals c.Id
                         where partyIds.Contains(p.Id) && c.Protection != CaseProtection.None
                         select p.Id).ToListAsync(ct);
        return [.. ids];
    }
}
