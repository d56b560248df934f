using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Matching;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Assignments;

public sealed record AssignmentDto(
    Guid Id,
    Guid CaseId,
    Guid RepresentativeId,
    string RepresentativeName,
    AssignmentMethod Method,
    bool AttestedNoConflict,
    string AssignedBy,
    DateTime AssignedAtUtc,
    string? Note,
    bool Active,
    DateTime? EndedAtUtc,
    string? EndedBy,
    AssignmentEnd? EndKind,
    string? EndReason);

/// <summary>
/// Records assignments: checks the conflict constraint (and, for a representative's own acceptance, capacity and
/// authorisation to practise), moves the case to Assigned, and audits.
/// </summary>
public sealed class AssignmentService(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock, MatchingData data)
{
    public async Task<AssignmentDto> AssignAsync(Case @case, RepresentativeProfile representative, AssignmentMethod method, bool attested,
        string? note, bool enforceCapacity, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await CheckAsync(@case, representative, enforceCapacity, now, ct);
        @case.AssignCounsel(now);
        var assignment = new Assignment(@case.OrganisationId, @case.Id, representative.Id, method, attested, user.Subject ?? "unknown", note, now);
        db.Set<Assignment>().Add(assignment);
        audit.Record("assignment.created", "Case", @case.Id, "assignment");
        await SaveAsync(ct);
        return ToDto(assignment, representative.DisplayName);
    }

    /// <summary>Hard constraints a human assignment must still meet: no possible conflict, may practise, and (optionally) capacity.</summary>
    public async Task CheckAsync(Case @case, RepresentativeProfile representative, bool enforceCapacity, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        if (!representative.MayPractise(today))
        {
            throw new BusinessRuleException("NotAuthorisedToPractise",
                "The representative has no bar admission in good standing or their accreditation has expired.");
        }

        if (enforceCapacity)
        {
            var active = await db.Set<Assignment>().CountAsync(a => a.RepresentativeId == representative.Id && a.EndedAtUtc == null, ct);
            if (active >= representative.MaxActiveCases)
            {
                throw new BusinessRuleException("NoCapacityLeft", "The representative has no capacity left.");
            }
        }

        using var conflicts = await data.ConflictsAsync(@case.OrganisationId, ct);
        var parties = await data.PartiesOfAsync([@case.Id], ct);
        if (conflicts.ConflictedRepresentatives(@case.Id, parties.GetValueOrDefault(@case.Id) ?? []).Contains(representative.Id))
        {
            throw new BusinessRuleException("PossibleConflict",
                "A party of this case resembles a party of a case the representative has handled; a person must resolve it first.");
        }
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new BusinessRuleException("CaseAlreadyAssigned", "The case was assigned by someone else in the meantime.");
        }
    }

    public static AssignmentDto ToDto(Assignment a, string representativeName) => new(a.Id, a.CaseId, a.RepresentativeId, representativeName,
        a.Method, a.AttestedNoConflict, a.AssignedBy, a.AssignedAtUtc, a.Note, a.EndedAtUtc is null, a.EndedAtUtc, a.EndedBy, a.EndKind, a.EndReason);
}
