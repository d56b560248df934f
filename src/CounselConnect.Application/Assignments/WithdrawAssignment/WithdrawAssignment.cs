using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Representatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Assignments.WithdrawAssignment;

/// <summary>
/// Ends the current assignment of a case, with a reason; the case needs counsel again. <paramref name="AsManager"/>:
/// a program manager of the organisation; otherwise the assigned representative themselves.
/// </summary>
public sealed record WithdrawAssignmentCommand(Guid CaseId, string? Reason, bool AsManager) : ICommand<AssignmentDto>;

public sealed class WithdrawAssignmentValidator : AbstractValidator<WithdrawAssignmentCommand>
{
    public WithdrawAssignmentValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
}

public sealed class WithdrawAssignmentHandler(IApplicationDbContext db, ICurrentUser user, RepresentativeAccess representatives, IAuditTrail audit,
    TimeProvider clock) : ICommandHandler<WithdrawAssignmentCommand, AssignmentDto>
{
    public async ValueTask<AssignmentDto> Handle(WithdrawAssignmentCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var current = await db.Set<Assignment>()
            .FirstOrDefaultAsync(a => a.CaseId == command.CaseId && a.OrganisationId == organisationId && a.EndedAtUtc == null, cancellationToken)
            ?? throw new NotFoundException("Assignment");
        if (!command.AsManager)
        {
            var me = await representatives.FindMineAsync(cancellationToken);
            if (me is null || me.Id != current.RepresentativeId)
            {
                throw new NotFoundException("Assignment");
            }
        }

        var @case = await db.Set<Case>().FirstAsync(c => c.Id == command.CaseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        current.End(AssignmentEnd.Withdrawn, user.Subject ?? "unknown", command.Reason!, now);
        @case.WithdrawCounsel(now);
        audit.Record("assignment.withdrawn", "Case", @case.Id, "assignment");
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Set<RepresentativeProfile>().Where(p => p.Id == current.RepresentativeId).Select(p => p.DisplayName).FirstAsync(cancellationToken);
        return AssignmentService.ToDto(current, name);
    }
}
