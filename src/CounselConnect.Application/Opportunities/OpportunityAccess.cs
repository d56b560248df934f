using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Opportunities;

/// <summary>A case of the caller's organisation that still needs counsel; anything else is not found.</summary>
public sealed class OpportunityAccess(IApplicationDbContext db)
{
    public async Task<Case> GetOpenCaseAsync(Guid organisationId, Guid caseId, CancellationToken ct) =>
        await db.Set<Case>().FirstOrDefaultAsync(c => c.Id == caseId && c.OrganisationId == organisationId && c.Status == CaseStatus.NeedsCounsel, ct)
        ?? throw new NotFoundException("Opportunity");
}
