using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Hearings;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings.CancelHearing;

/// <summary>Cancels a hearing (kept, with its history); its pending reminders are cancelled.</summary>
public sealed record CancelHearingCommand(Guid CaseId, Guid HearingId, string? Reason, int? ExpectedVersion = null) : ICommand<HearingDto>;

public sealed class CancelHearingValidator : AbstractValidator<CancelHearingCommand>
{
    public CancelHearingValidator() => RuleFor(c => c.Reason).MaximumLength(Hearing.ReasonMaxLength);
}

public sealed class CancelHearingHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit, ReminderPlanner planner, TimeProvider clock)
    : ICommandHandler<CancelHearingCommand, HearingDto>
{
    public async ValueTask<HearingDto> Handle(CancelHearingCommand command, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == command.HearingId && h.CaseId == @case.Id, cancellationToken)
            ?? throw new NotFoundException("Hearing");
        HearingConcurrency.CheckExpectedVersion(hearing, command.ExpectedVersion);
        db.Set<HearingChange>().Add(hearing.Cancel(command.Reason, access.Actor, clock.GetUtcNow().UtcDateTime));
        audit.Record("hearing.cancel", "Case", @case.Id, "proceedings");
        await HearingConcurrency.SaveAsync(db, cancellationToken);
        await CaseNextHearing.RefreshAsync(db, @case, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        var changes = await db.Set<HearingChange>().AsNoTracking().Where(c => c.HearingId == hearing.Id).ToListAsync(cancellationToken);
        return hearing.ToDto(changes);
    }
}
