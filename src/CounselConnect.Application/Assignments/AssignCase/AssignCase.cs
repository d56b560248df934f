using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Representatives;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Assignments.AssignCase;

/// <summary>
/// A program manager assigns a case directly. A case that already has counsel is reassigned: the current assignment
/// ends as "reassigned" with the reason, and a new one begins.
/// </summary>
public sealed record AssignCaseCommand(Guid CaseId, Guid RepresentativeId, string? Reason) : ICommand<AssignmentDto>;

public sealed class AssignCaseValidator : AbstractValidator<AssignCaseCommand>
{
    public AssignCaseValidator()
    {
        RuleFor(c => c.RepresentativeId).NotEmpty();
        RuleFor(c => c.Reason).MaximumLength(1000);
    }
}

public sealed class AssignCaseHandler(IApplicationDbContext db, ICurrentUser user, AssignmentService assignments, TimeProvider clock)
    : ICommandHandler<AssignCaseCommand, AssignmentDto>
{
    public async ValueTask<AssignmentDto> Handle(AssignCaseCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var @case = await db.Set<Case>().FirstOrDefaultAsync(c => c.Id == command.CaseId && c.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("Case");
        var representative = await db.Set<RepresentativeProfile>()
            .FirstOrDefaultAsync(p => p.Id == command.RepresentativeId && p.OrganisationId == organisationId, cancellationToken)
            ?? throw new NotFoundException("Representative");
        if (@case.Status == CaseStatus.Assigned)
        {
            var current = await db.Set<Assignment>().FirstAsync(a => a.CaseId == @case.Id && a.EndedAtUtc == null, cancellationToken);
            if (current.RepresentativeId == representative.Id)
            {
                throw new BusinessRuleException("AlreadyAssignedToRepresentative", "The case is already assigned to this representative.");
            }

            if (string.IsNullOrWhiteSpace(command.Reason))
            {
                throw new BusinessRuleException("EndReasonRequired", "Say why the case is reassigned.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await assignments.CheckAsync(@case, representative, enforceCapacity: false, now, cancellationToken);
            current.End(AssignmentEnd.Reassigned, user.Subject ?? "unknown", command.Reason, now);
            @case.WithdrawCounsel(now);
            await assignments.SaveAsync(cancellationToken);
        }

        return await assignments.AssignAsync(@case, representative, AssignmentMethod.AssignedByManager, false, command.Reason,
            enforceCapacity: false, cancellationToken);
    }
}
