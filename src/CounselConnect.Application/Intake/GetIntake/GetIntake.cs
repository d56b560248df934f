using Mediator;

namespace CounselConnect.Application.Intake.GetIntake;

public sealed record GetIntakeQuery(Guid IntakeId) : IQuery<IntakeDto>;

public sealed class GetIntakeHandler(IntakeAccess access) : IQueryHandler<GetIntakeQuery, IntakeDto>
{
    public async ValueTask<IntakeDto> Handle(GetIntakeQuery query, CancellationToken cancellationToken) =>
        await access.ReadAsync(await access.GetCaseAsync(query.IntakeId, cancellationToken), cancellationToken);
}
