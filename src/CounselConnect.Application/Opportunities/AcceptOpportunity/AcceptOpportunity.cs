using CounselConnect.Application.Assignments;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Opportunities.AcceptOpportunity;

/// <summary>
/// Disclosure step 3: after seeing the party names and attesting that they have no conflict, the representative
/// takes the case. The assignment is recorded and the full file opens to them.
/// </summary>
public sealed record AcceptOpportunityCommand(Guid CaseId, bool AttestNoConflict) : ICommand<AssignmentDto>;

public sealed class AcceptOpportunityValidator : AbstractValidator<AcceptOpportunityCommand>
{
    public AcceptOpportunityValidator() =>
        RuleFor(c => c.AttestNoConflict).Equal(true).WithMessage("Attest that you have checked the party names and have no conflict.");
}

public sealed class AcceptOpportunityHandler(RepresentativeAccess representatives, OpportunityAccess opportunities, AssignmentService assignments,
    IApplicationDbContext db) : ICommandHandler<AcceptOpportunityCommand, AssignmentDto>
{
    public async ValueTask<AssignmentDto> Handle(AcceptOpportunityCommand command, CancellationToken cancellationToken)
    {
        var me = await representatives.GetMineAsync(cancellationToken);
        var @case = await opportunities.GetOpenCaseAsync(me.OrganisationId, command.CaseId, cancellationToken);
        var sawNames = await db.Set<PartyNameDisclosure>().AnyAsync(d => d.CaseId == @case.Id && d.RepresentativeId == me.Id, cancellationToken);
        if (!sawNames)
        {
            throw new BusinessRuleException("PartyNamesNotReviewed", "Request the party names and run your conflict check before accepting.");
        }

        return await assignments.AssignAsync(@case, me, AssignmentMethod.AcceptedByRepresentative, command.AttestNoConflict, null,
            enforceCapacity: true, cancellationToken);
    }
}
