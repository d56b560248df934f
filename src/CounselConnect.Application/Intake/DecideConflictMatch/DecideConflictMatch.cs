using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Conflicts;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Intake.DecideConflictMatch;

/// <summary>A person's decision on one potential match: no conflict, conflict, or waived with a reason.</summary>
public sealed record DecideConflictMatchCommand(Guid IntakeId, Guid MatchId, MatchDecision? Decision, string? Reason) : ICommand<IntakeDto>;

public sealed class DecideConflictMatchValidator : AbstractValidator<DecideConflictMatchCommand>
{
    public DecideConflictMatchValidator()
    {
        RuleFor(c => c.Decision).NotNull().IsInEnum().NotEqual(MatchDecision.Pending)
            .WithMessage("Choose no_conflict, conflict or waived.");
        RuleFor(c => c.Reason).MaximumLength(2000);
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Decision is MatchDecision.Waived or MatchDecision.Conflict)
            .WithMessage("A conflict or a waiver needs a reason (for a waiver, how informed consent was given).");
    }
}

public sealed class DecideConflictMatchHandler(IntakeAccess access, IApplicationDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<DecideConflictMatchCommand, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(DecideConflictMatchCommand command, CancellationToken cancellationToken)
    {
        var intake = await access.GetCaseAsync(command.IntakeId, cancellationToken);
        if (intake.Status != Domain.Cases.CaseStatus.Intake)
        {
            throw new Domain.Common.BusinessRuleException("IntakeAlreadyDecided", "This intake has already been accepted or declined; its decisions are final.");
        }

        var check = await access.GetCheckAsync(intake.Id, cancellationToken);
        var match = check?.Matches.FirstOrDefault(m => m.Id == command.MatchId) ?? throw new NotFoundException("Conflict match");
        match.Decide(command.Decision!.Value, command.Reason, user.Subject ?? "unknown", clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return await access.ReadAsync(intake, cancellationToken);
    }
}
