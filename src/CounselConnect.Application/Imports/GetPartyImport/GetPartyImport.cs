using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Imports.GetPartyImport;

/// <summary>Progress of an import: status, rows accepted, rows rejected with line numbers and reasons.</summary>
public sealed record GetPartyImportQuery(Guid ImportId) : IQuery<PartyImportDto>;

public sealed class GetPartyImportHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetPartyImportQuery, PartyImportDto>
{
    public async ValueTask<PartyImportDto> Handle(GetPartyImportQuery query, CancellationToken cancellationToken)
    {
        var import = await db.Set<PartyImport>().AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == query.ImportId && i.OrganisationId == user.OrganisationId, cancellationToken)
            ?? throw new NotFoundException("Import");
        return PartyImportDto.From(import);
    }
}
