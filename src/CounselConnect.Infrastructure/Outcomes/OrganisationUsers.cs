using CounselConnect.Application.Outcomes;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Outcomes;

/// <summary>Looks the user up among the Identity accounts. A disabled account still counts: it may have held the case.</summary>
public sealed class OrganisationUsers(AppDbContext db) : IOrganisationUsers
{
    public Task<bool> IsUserOfAsync(Guid userId, Guid organisationId, CancellationToken cancellationToken) =>
        db.Set<ApplicationUser>().AsNoTracking().AnyAsync(u => u.Id == userId && u.OrganisationId == organisationId, cancellationToken);
}
