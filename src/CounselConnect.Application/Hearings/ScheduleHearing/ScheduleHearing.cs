using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Hearings.ScheduleHearing;

/// <summary>Adds a hearing to a case and plans its reminders. <paramref name="LocalDateTime"/> is the court's wall-clock time.</summary>
public sealed record ScheduleHearingCommand(
    Guid CaseId,
    HearingType? Type,
    DateTime? LocalDateTime,
    string? TimeZone,
    string? CourtCode,
    string? Location,
    AppearanceMode? Appearance,
    string? InterpreterLanguage) : ICommand<HearingDto>;

public sealed class ScheduleHearingValidator : AbstractValidator<ScheduleHearingCommand>
{
    public ScheduleHearingValidator(TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Type).NotNull();
        // The horizon first: a date near the end of the calendar cannot be converted to UTC in a zone west of it.
        RuleFor(c => c.LocalDateTime).NotNull()
            .Must(local => HearingInputRules.IsWithinHorizon(local!.Value, clock.GetUtcNow())).WithMessage(HearingInputRules.TooFarMessage)
            .Must((c, local) => HearingInputRules.Exists(local!.Value, c.TimeZone)).WithMessage(HearingInputRules.SkippedTimeMessage)
            .Must((c, local) => HearingInputRules.IsAfter(local!.Value, c.TimeZone, clock.GetUtcNow())).WithMessage(HearingInputRules.PastMessage);
        RuleFor(c => c.TimeZone).NotEmpty().MaximumLength(64)
            .Must(HearingInputRules.IsKnownZone).WithMessage(HearingInputRules.ZoneMessage);
        RuleFor(c => c.CourtCode).NotEmpty().Matches(HearingInputRules.CourtCodePattern).WithMessage(HearingInputRules.CourtCodeMessage);
        RuleFor(c => c.Location).MaximumLength(Hearing.LocationMaxLength);
        RuleFor(c => c.Appearance).NotNull();
        RuleFor(c => c.InterpreterLanguage).Matches("^[a-zA-Z]{3}$").When(c => c.InterpreterLanguage is not null)
            .WithMessage("Use an ISO 639-3 code, e.g. spa.");
    }
}

public sealed class ScheduleHearingHandler(ICaseAccess access, IApplicationDbContext db, IAuditTrail audit, ReminderPlanner planner, TimeProvider clock)
    : ICommandHandler<ScheduleHearingCommand, HearingDto>
{
    public async ValueTask<HearingDto> Handle(ScheduleHearingCommand command, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var hearing = Hearing.Schedule(@case.Id, @case.OrganisationId, command.Type!.Value, HearingMapping.ToUtc(command.LocalDateTime!.Value, command.TimeZone!),
            command.TimeZone!, command.CourtCode!, command.Location, command.Appearance!.Value, command.InterpreterLanguage, access.Actor, now);
        db.Set<Hearing>().Add(hearing);
        audit.Record("hearing.create", "Case", @case.Id, "proceedings");
        await db.SaveChangesAsync(cancellationToken);
        await CaseNextHearing.RefreshAsync(db, @case, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        return hearing.ToDto([]);
    }
}
