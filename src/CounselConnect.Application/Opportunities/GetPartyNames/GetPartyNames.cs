using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.People;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Opportunities.GetPartyNames;

/// <summary>
/// Disclosure step 2: the names of a case's parties, and nothing else about them, so the representative can run
/// their own conflict check. The disclosure is recorded and audited.
/// </summary>
public sealed record GetPartyNamesCommand(Guid CaseId) : ICommand<PartyNamesDto>;

public sealed record PartyNameDto(string Role, string GivenNames, IReadOnlyList<string> FamilyNames, IReadOnlyList<string> Aliases);

public sealed record PartyNamesDto(Guid CaseId, IReadOnlyList<PartyNameDto> Parties);

public sealed class GetPartyNamesHandler(RepresentativeAccess representatives, OpportunityAccess opportunities, IApplicationDbContext db,
    IAuditTrail audit, TimeProvider clock) : ICommandHandler<GetPartyNamesCommand, PartyNamesDto>
{
    public async ValueTask<PartyNamesDto> Handle(GetPartyNamesCommand command, CancellationToken cancellationToken)
    {
        var me = await representatives.GetMineAsync(cancellationToken);
        var @case = await opportunities.GetOpenCaseAsync(me.OrganisationId, command.CaseId, cancellationToken);
        var parties = await db.Set<Party>().AsNoTracking().Where(p => p.CaseId == @case.Id)
            .Select(p => new { p.Id, p.Role, p.GivenNames, p.FamilyNames, p.Aliases, p.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var ordered = parties.OrderBy(p => p.Id == @case.ClientPartyId ? 0 : 1).ThenBy(p => p.CreatedAtUtc).ThenBy(p => p.Id)
            .Select(p => new PartyNameDto(p.Role, p.GivenNames, p.FamilyNames, p.Aliases)).ToList();
        db.Set<PartyNameDisclosure>().Add(new PartyNameDisclosure(@case.Id, me.Id, clock.GetUtcNow().UtcDateTime));
        audit.Record("opportunity.party_names", "Case", @case.Id, "names");
        await db.SaveChangesAsync(cancellationToken);
        return new PartyNamesDto(@case.Id, ordered);
    }
}
