using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Representatives;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Representatives.ListRepresentatives;

/// <summary>All representative profiles of the manager's organisation, paged.</summary>
public sealed record ListRepresentativesQuery(int Page = 1, int PageSize = 25, string? Court = null, string? Language = null)
    : IQuery<PagedList<RepresentativeDto>>;

public sealed class ListRepresentativesValidator : AbstractValidator<ListRepresentativesQuery>
{
    public ListRepresentativesValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, Paging.MaxPage);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
        RuleFor(q => q.Court).MaximumLength(16);
        RuleFor(q => q.Language).MaximumLength(3);
    }
}

public sealed class ListRepresentativesHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ListRepresentativesQuery, PagedList<RepresentativeDto>>
{
    public async ValueTask<PagedList<RepresentativeDto>> Handle(ListRepresentativesQuery query, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var all = await db.Set<RepresentativeProfile>().AsNoTracking().Where(p => p.OrganisationId == organisationId)
            .OrderBy(p => p.DisplayName).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        IEnumerable<RepresentativeProfile> filtered = all;
        if (!string.IsNullOrWhiteSpace(query.Court))
        {
            filtered = filtered.Where(p => p.Remote || p.Courts.Contains(query.Court.Trim().ToUpperInvariant()));
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            filtered = filtered.Where(p => p.Languages.Any(l => string.Equals(l.Code, query.Language.Trim(), StringComparison.OrdinalIgnoreCase)));
        }

        var list = filtered.ToList();
        var page = list.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var ids = page.Select(p => p.Id).ToList();
        var load = await db.Set<Assignment>().AsNoTracking().Where(a => ids.Contains(a.RepresentativeId) && a.EndedAtUtc == null)
            .GroupBy(a => a.RepresentativeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return new PagedList<RepresentativeDto>([.. page.Select(p => p.ToDto(load.GetValueOrDefault(p.Id)))], query.Page, query.PageSize, list.Count);
    }
}
