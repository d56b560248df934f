using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Assignments.ListAssignments;

/// <summary>The assignment history of a case, oldest first (its notes and end reasons: audited as a read).</summary>
public sealed record ListAssignmentsQuery(Guid CaseId) : IQuery<IReadOnlyList<AssignmentDto>>;

public sealed class ListAssignmentsHandler(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit) : IQueryHandler<ListAssignmentsQuery, IReadOnlyList<AssignmentDto>>
{
    public async ValueTask<IReadOnlyList<AssignmentDto>> Handle(ListAssignmentsQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        if (!await db.Set<Case>().AnyAsync(c => c.Id == query.CaseId && c.OrganisationId == organisationId, cancellationToken))
        {
            throw new NotFoundException("Case");
        }

        var rows = await db.Set<Assignment>().AsNoTracking().Where(a => a.CaseId == query.CaseId).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.RepresentativeId).Distinct().ToList();
        var names = await db.Set<RepresentativeProfile>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
        audit.Record("assignment.list", "Case", query.CaseId, "assignment");
        await db.SaveChangesAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.AssignedAtUtc).ThenBy(r => r.Id).Select(r => AssignmentService.ToDto(r, names.GetValueOrDefault(r.RepresentativeId, "")))];
    }
}
