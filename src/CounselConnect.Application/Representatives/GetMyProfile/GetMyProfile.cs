using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Representatives.GetMyProfile;

/// <summary>The signed-in representative's own profile.</summary>
public sealed record GetMyProfileQuery : IQuery<RepresentativeDto>;

public sealed class GetMyProfileHandler(RepresentativeAccess access, IApplicationDbContext db) : IQueryHandler<GetMyProfileQuery, RepresentativeDto>
{
    public async ValueTask<RepresentativeDto> Handle(GetMyProfileQuery query, CancellationToken cancellationToken)
    {
        var profile = await access.GetMineAsync(cancellationToken);
        var active = await db.Set<Assignment>().CountAsync(a => a.RepresentativeId == profile.Id && a.EndedAtUtc == null, cancellationToken);
        return profile.ToDto(active);
    }
}
