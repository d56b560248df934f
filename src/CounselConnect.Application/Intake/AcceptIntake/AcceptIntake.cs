using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Conflicts;
using Mediator;

namespace CounselConnect.Application.Intake.AcceptIntake;

/// <summary>Accepts an intake once every potential conflict has a decision and none is a conflict.</summary>
public sealed record AcceptIntakeCommand(Guid IntakeId) : ICommand<IntakeDto>;

public sealed class AcceptIntakeHandler(IntakeAccess access, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<AcceptIntakeCommand, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(AcceptIntakeCommand command, CancellationToken cancellationToken)
    {
        var intake = await access.GetCaseAsync(command.IntakeId, cancellationToken);
        var check = await access.GetCheckAsync(intake.Id, cancellationToken)
            ?? new ConflictCheck(intake.OrganisationId, intake.Id, MatchLevel.NoMatch, "system", clock.GetUtcNow().UtcDateTime);
        intake.AcceptIntake(check, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return await access.ReadAsync(intake, cancellationToken);
    }
}
