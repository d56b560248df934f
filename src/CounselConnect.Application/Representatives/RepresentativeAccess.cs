using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Representatives;

/// <summary>The caller's own representative profile, within their organisation.</summary>
public sealed class RepresentativeAccess(IApplicationDbContext db, ICurrentUser user)
{
    public Guid RequireOrganisation() =>
        user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    public string RequireSubject() =>
        user.Subject ?? throw new ForbiddenAccessException("Your token names no subject.");

    public async Task<RepresentativeProfile?> FindMineAsync(CancellationToken ct)
    {
        var organisationId = RequireOrganisation();
        var subject = RequireSubject();
        return await db.Set<RepresentativeProfile>()
            .FirstOrDefaultAsync(p => p.UserSubject == subject && p.OrganisationId == organisationId, ct);
    }

    /// <summary>The caller's profile; without one there is nothing to act as (404).</summary>
    public async Task<RepresentativeProfile> GetMineAsync(CancellationToken ct) =>
        await FindMineAsync(ct) ?? throw new NotFoundException("Representative profile");
}
