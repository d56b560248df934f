using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Hearings;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings.RescheduleHearing;

/// <summary>Moves a hearing (history kept); its pending reminders are cancelled and new ones planned.</summary>
public sealed record RescheduleHearingCommand(
    Guid CaseId,
    Guid HearingId,
    DateTime? LocalDateTime,
    string? TimeZone,
    string? Location,
    AppearanceMode? Appearance,
    string? Reason,
    int? ExpectedVersion = null) : ICommand<HearingDto>;

public sealed class RescheduleHearingValidator : AbstractValidator<RescheduleHearingCommand>
{
    public RescheduleHearingValidator(TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        // Without a new zone the hearing keeps its own, which only the handler knows: the handler checks that case with the same rules.
        // The horizon needs no zone (the date is the court's), and comes first: a date near the end of the calendar cannot be
        // converted to UTC in a zone west of it.
        RuleFor(c => c.LocalDateTime).NotNull()
            .Must(local => HearingInputRules.IsWithinHorizon(local!.Value, clock.GetUtcNow())).WithMessage(HearingInputRules.TooFarMessage)
            .Must((c, local) => c.TimeZone is null || HearingInputRules.Exists(local!.Value, c.TimeZone)).WithMessage(HearingInputRules.SkippedTimeMessage)
            .Must((c, local) => c.TimeZone is null || HearingInputRules.IsAfter(local!.Value, c.TimeZone, clock.GetUtcNow())).WithMessage(HearingInputRules.PastMessage);
        RuleFor(c => c.TimeZone).MaximumLength(64)
            .Must(HearingInputRules.IsKnownZone).When(c => c.TimeZone is not null).WithMessage(HearingInputRules.ZoneMessage);
        RuleFor(c => c.Location).MaximumLength(Hearing.LocationMaxLength);
        RuleFor(c => c.Reason).MaximumLength(Hearing.ReasonMaxLength);
    }
}

public sealed class RescheduleHearingHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit, ReminderPlanner planner, TimeProvider clock)
    : ICommandHandler<RescheduleHearingCommand, HearingDto>
{
    public async ValueTask<HearingDto> Handle(RescheduleHearingCommand command, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        var hearing = await db.Set<Hearing>().FirstOrDefaultAsync(h => h.Id == command.HearingId && h.CaseId == @case.Id, cancellationToken)
            ?? throw new NotFoundException("Hearing");
        var zone = command.TimeZone ?? hearing.TimeZoneId;
        if (command.TimeZone is null)
        {
            CheckTimeInHearingsZone(command.LocalDateTime!.Value, zone);
        }

        HearingConcurrency.CheckExpectedVersion(hearing, command.ExpectedVersion);
        var change = hearing.Reschedule(HearingMapping.ToUtc(command.LocalDateTime!.Value, zone), command.TimeZone, command.Location,
            command.Appearance, command.Reason, access.Actor, clock.GetUtcNow().UtcDateTime);
        db.Set<HearingChange>().Add(change);
        audit.Record("hearing.reschedule", "Case", @case.Id, "proceedings");
        await HearingConcurrency.SaveAsync(db, cancellationToken);
        await CaseNextHearing.RefreshAsync(db, @case, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        var changes = await db.Set<HearingChange>().AsNoTracking().Where(c => c.HearingId == hearing.Id).ToListAsync(cancellationToken);
        return hearing.ToDto(changes);
    }

    /// <summary>
    /// The validator's checks of the time, in the hearing's own zone (the request named none): a skipped or past local
    /// time is a 400 at <c>localDateTime</c> with the validator's message, as when the zone is named, not the domain's 409.
    /// </summary>
    private void CheckTimeInHearingsZone(DateTime localDateTime, string zone)
    {
        var message = !HearingInputRules.Exists(localDateTime, zone) ? HearingInputRules.SkippedTimeMessage
            : !HearingInputRules.IsAfter(localDateTime, zone, clock.GetUtcNow()) ? HearingInputRules.PastMessage
            : null;
        if (message is not null)
        {
            throw new ValidationException([new ValidationFailure(nameof(RescheduleHearingCommand.LocalDateTime), message)]);
        }
    }
}
