using FluentValidation;

namespace CounselConnect.Application.Conflicts.RunConflictCheck;

public sealed class RunConflictCheckValidator : AbstractValidator<RunConflictCheckCommand>
{
    public RunConflictCheckValidator()
    {
        // A rule stops at its first failure, so a list sent as null fails "required" and is not also counted.
        RuleLevelCascadeMode = CascadeMode.Stop;
        Include(new PersonInputValidator<RunConflictCheckCommand>());
        RuleFor(c => c.RelatedParties).NotNull().WithMessage("Related parties are a list; send [] when there are none.")
            .Must(r => r.Count <= 20).WithMessage("At most 20 related parties.");
        RuleForEach(c => c.RelatedParties).NotNull().WithMessage("A related party cannot be null.")
            .SetValidator(new PersonInputValidator<RelatedPersonInput>());
        RuleForEach(c => c.RelatedParties).ChildRules(r =>
            r.RuleFor(p => p.Relationship).NotNull().IsInEnum().WithMessage("Say how this person is related (e.g. spouse_or_partner, alleged_abuser)."));
    }
}
