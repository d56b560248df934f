using CounselConnect.Application.Common.Interfaces;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Intake.DeclineIntake;

/// <summary>Declines an intake (a conflict, or the program cannot take the case), with the reason.</summary>
public sealed record DeclineIntakeCommand(Guid IntakeId, string? Reason) : ICommand<IntakeDto>;

public sealed class DeclineIntakeValidator : AbstractValidator<DeclineIntakeCommand>
{
    public DeclineIntakeValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the intake is declined.").MaximumLength(1000);
}

public sealed class DeclineIntakeHandler(IntakeAccess access, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<DeclineIntakeCommand, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(DeclineIntakeCommand command, CancellationToken cancellationToken)
    {
        var intake = await access.GetCaseAsync(command.IntakeId, cancellationToken);
        intake.DeclineIntake(command.Reason!, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return await access.ReadAsync(intake, cancellationToken);
    }
}
