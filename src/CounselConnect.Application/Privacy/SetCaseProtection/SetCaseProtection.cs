using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Common.Security;
using CounselConnect.Application.Intake;
using CounselConnect.Domain.Cases;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Privacy.SetCaseProtection;

/// <summary>
/// Flags (or unflags) a case as protected under 8 U.S.C. 1367. Intake staff record it (their office's cases) as the
/// VAWA, T or U basis comes to light at screening; program managers may correct it for any case of the organisation.
/// </summary>
public sealed record SetCaseProtectionCommand(Guid CaseId, CaseProtection? Protection) : ICommand<CaseProtectionDto>;

public sealed record CaseProtectionDto(Guid CaseId, CaseProtection Protection);

public sealed class SetCaseProtectionValidator : AbstractValidator<SetCaseProtectionCommand>
{
    public SetCaseProtectionValidator() =>
        RuleFor(c => c.Protection).NotNull().IsInEnum().WithMessage("Use one of: none, vawa, t_visa, u_visa.");
}

public sealed class SetCaseProtectionHandler(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, IntakeAccess access)
    : ICommandHandler<SetCaseProtectionCommand, CaseProtectionDto>
{
    public async ValueTask<CaseProtectionDto> Handle(SetCaseProtectionCommand command, CancellationToken cancellationToken)
    {
        if (user.IsClient || !(user.IsInRole(Roles.IntakeStaff) || user.IsInRole(Roles.ProgramManager)))
        {
            throw new ForbiddenAccessException("Intake staff and program managers record protection.");
        }

        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        @case.SetProtection(command.Protection!.Value);
        audit.Record("case.protection.set", "Case", @case.Id, "protection");
        await db.SaveChangesAsync(cancellationToken);
        return new CaseProtectionDto(@case.Id, @case.Protection);
    }
}
