using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Intake;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Assignments.GetAssignedCase;

/// <summary>The full case file, for the representative currently assigned to it only (anyone else: 404).</summary>
public sealed record GetAssignedCaseQuery(Guid CaseId) : IQuery<CaseFileDto>;

public sealed record CaseFileDto(
    Guid Id,
    string Reference,
    CaseStatus Status,
    CustodyStatus Custody,
    string CourtCode,
    string? HearingLocation,
    DateTime? NextHearingAtUtc,
    HearingType? NextHearingType,
    IReadOnlyList<ReliefType> ReliefSought,
    string PrimaryLanguage,
    IReadOnlyList<LanguageSkill> Languages,
    bool InterpreterNeeded,
    PartyDto Client,
    IReadOnlyList<PartyDto> RelatedParties,
    DateTime AssignedAtUtc);

public sealed class GetAssignedCaseHandler(RepresentativeAccess representatives, IApplicationDbContext db, IAuditTrail audit)
    : IQueryHandler<GetAssignedCaseQuery, CaseFileDto>
{
    public async ValueTask<CaseFileDto> Handle(GetAssignedCaseQuery query, CancellationToken cancellationToken)
    {
        var me = await representatives.FindMineAsync(cancellationToken) ?? throw new NotFoundException("Case");
        var assignment = await db.Set<Assignment>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.CaseId == query.CaseId && a.RepresentativeId == me.Id && a.EndedAtUtc == null, cancellationToken)
            ?? throw new NotFoundException("Case");
        var @case = await db.Set<Case>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == query.CaseId && c.OrganisationId == me.OrganisationId, cancellationToken)
            ?? throw new NotFoundException("Case");
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.CaseId == @case.Id).ToListAsync(cancellationToken);
        var client = parties.First(p => p.Id == @case.ClientPartyId);
        var related = parties.Where(p => p.Id != @case.ClientPartyId).OrderBy(p => p.CreatedAtUtc).ThenBy(p => p.Id).Select(p => p.ToDto()).ToList();
        audit.Record("case.read", "Case", @case.Id, "identity");
        await db.SaveChangesAsync(cancellationToken);
        return new CaseFileDto(@case.Id, @case.Reference, @case.Status, @case.Custody, @case.CourtCode, @case.HearingLocation, @case.NextHearingUtc,
            @case.NextHearingType, @case.ReliefSought, @case.PrimaryLanguage, @case.Languages, @case.InterpreterNeeded, client.ToDto(), related,
            assignment.AssignedAtUtc);
    }
}
