using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Application.Hearings;
using FluentValidation;

namespace CounselConnect.Application.Intake.SubmitIntake;

public sealed class SubmitIntakeValidator : AbstractValidator<SubmitIntakeCommand>
{
    public SubmitIntakeValidator(TimeProvider clock)
    {
        // A rule stops at its first failure, so a list sent as null fails "required" and is not also counted.
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Person).NotNull().WithMessage("The person being screened is required.")
            .SetValidator(new PersonInputValidator<PersonInput>()!);
        RuleFor(c => c.RelatedParties).NotNull().WithMessage("Related parties are a list; send [] when there are none.")
            .Must(r => r.Count <= 20).WithMessage("At most 20 related parties.");
        RuleForEach(c => c.RelatedParties).NotNull().WithMessage("A related party cannot be null.")
            .SetValidator(new PersonInputValidator<RelatedPersonInput>());
        RuleForEach(c => c.RelatedParties).ChildRules(r =>
            r.RuleFor(p => p.Relationship).NotNull().IsInEnum().WithMessage("Say how this person is related (e.g. spouse_or_partner, alleged_abuser)."));
        RuleFor(c => c.Custody).NotNull().WithMessage("Custody status is required: detained, released or never_detained.").IsInEnum();
        RuleFor(c => c.CourtCode).NotEmpty().WithMessage("The immigration court code is required (e.g. NYC).")
            .Matches(HearingInputRules.CourtCodePattern).WithMessage(HearingInputRules.CourtCodeMessage);
        RuleFor(c => c.HearingLocation).MaximumLength(200);
        RuleFor(c => c.PrimaryLanguage).NotEmpty().WithMessage("The client's primary language is required (ISO 639-3, e.g. spa).")
            .Matches("^[a-zA-Z]{3}$").WithMessage("Use an ISO 639-3 code of three letters (e.g. spa, hat, por, mam).");
        RuleFor(c => c.Languages).NotNull().WithMessage("Languages are a list; send [] when there are none beyond the primary one.")
            .Must(l => l.Count <= 10).WithMessage("At most 10 languages.");
        RuleForEach(c => c.Languages).NotNull().WithMessage("A language cannot be null.").ChildRules(l =>
        {
            l.RuleFor(x => x.Code).NotEmpty().Matches("^[a-zA-Z]{3}$").WithMessage("Use an ISO 639-3 code of three letters.");
            l.RuleFor(x => x).Must(x => x.Speaks || x.Reads).WithName("speaks").WithMessage("A language is spoken, read, or both.");
        });
        RuleFor(c => c.ReliefSought).NotNull().WithMessage("Relief sought is a list; send [] when it is not known yet.")
            .Must(r => r.Count <= 15).WithMessage("At most 15 relief types.");
        RuleForEach(c => c.ReliefSought).IsInEnum();
        When(c => c.NextHearing is not null, () =>
        {
            RuleFor(c => c.NextHearing!.At).NotNull().WithMessage("Give the next hearing's date and time.")
                .Must(at => at is null || at.Value > clock.GetUtcNow()).WithMessage("The next hearing cannot be in the past.")
                .Must(at => at is null || HearingInputRules.IsWithinHorizon(DateOnly.FromDateTime(at.Value.DateTime), clock.GetUtcNow()))
                .WithMessage(HearingInputRules.TooFarMessage);
            RuleFor(c => c.NextHearing!.TimeZone).MaximumLength(64)
                .Must(zone => string.IsNullOrWhiteSpace(zone) || HearingInputRules.IsKnownZone(zone.Trim()))
                .WithMessage(HearingInputRules.ZoneMessage);
            RuleFor(c => c.NextHearing!.Type).NotNull().WithMessage("Give the next hearing's type: master_calendar, individual or bond.").IsInEnum();
        });
    }
}
