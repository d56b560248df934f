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

public sealed record PartyNamesDto(Guid CaseId, IReadOnlyList<PartyNameDto> Parties)
{
    /// <summary>Set instead of names when the client is protected under 8 U.S.C. 1367 (see <see cref="ProtectedClientNames"/>).</summary>
    public string? Notice { get; init; }
}

public sealed class GetPartyNamesHandler(RepresentativeAccess representatives, OpportunityAccess opportunities, IApplicationDbContext db,
    IAuditTrail audit, TimeProvider clock) : ICommandHandler<GetPartyNamesCommand, PartyNamesDto>
{
    public async ValueTask<PartyNamesDto> Handle(GetPartyNamesCommand command, CancellationToken cancellationToken)
    {
        var me = await representatives.GetMineAsync(cancellationToken);
        var @case = await opportunities.GetOpenCaseAsync(me.OrganisationId, command.CaseId, cancellationToken);
        if (@case.IsProtected)
        {
            return await ProtectedClientNames.WithholdAsync(@case, db, audit, cancellationToken);
        }

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

/// <summary>
/// 8 U.S.C. 1367: the names of a protected client's case are not disclosed at step 2. The attorney gets a notice
/// instead and no disclosure is recorded, so the case cannot be picked up without a program manager (who places it).
/// </summary>
public static class ProtectedClientNames
{
    public const string Notice = "This client is protected under 8 U.S.C. 1367: names are not disclosed here. Contact a program manager.";

    public static async Task<PartyNamesDto> WithholdAsync(Domain.Cases.Case @case, IApplicationDbContext db, IAuditTrail audit, CancellationToken ct)
    {
        audit.Record("opportunity.party_names_withheld", "Case", @case.Id, "names");
        await db.SaveChangesAsync(ct);
        return new PartyNamesDto(@case.Id, []) { Notice = Notice };
    }
}
