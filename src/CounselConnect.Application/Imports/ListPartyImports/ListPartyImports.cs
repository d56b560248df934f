using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Imports.ListPartyImports;

/// <summary>The organisation's imports, newest first, with their counts (no row contents, no personal data).</summary>
public sealed record ListPartyImportsQuery(int Page = 1, int PageSize = 20) : IQuery<PagedList<PartyImportSummary>>;

public sealed record PartyImportSummary(
    Guid Id,
    ImportStatus Status,
    string FileName,
    long RowsRead,
    long RowsAccepted,
    long RowsRejected,
    DateTime CreatedAtUtc,
    DateTime? FinishedAtUtc);

public sealed class ListPartyImportsValidator : AbstractValidator<ListPartyImportsQuery>
{
    public ListPartyImportsValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
    }
}

public sealed class ListPartyImportsHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ListPartyImportsQuery, PagedList<PartyImportSummary>>
{
    public async ValueTask<PagedList<PartyImportSummary>> Handle(ListPartyImportsQuery query, CancellationToken cancellationToken)
    {
        var imports = db.Set<PartyImport>().AsNoTracking().Where(i => i.OrganisationId == user.OrganisationId);
        var total = await imports.CountAsync(cancellationToken);
        var items = await imports
            .OrderByDescending(i => i.CreatedAtUtc).ThenBy(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(i => new PartyImportSummary(i.Id, i.Status, i.FileName, i.RowsRead, i.RowsAccepted, i.RowsRejected, i.CreatedAtUtc, i.FinishedAtUtc))
            .ToListAsync(cancellationToken);
        return new PagedList<PartyImportSummary>(items, query.Page, query.PageSize, total);
    }
}
