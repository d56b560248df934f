using FluentValidation;

namespace CounselConnect.Application.Conflicts.RunConflictCheck;

public sealed class RunConflictCheckValidator : AbstractValidator<RunConflictCheckCommand>
{
    public RunConflictCheckValidator()
    {
        Include(new PersonInputValidator<RunConflictCheckCommand>());
        RuleFor(c => c.RelatedParties).NotNull().Must(r => r.Count <= 20).WithMessage("At most 20 related parties.");
        RuleForEach(c => c.RelatedParties).SetValidator(new PersonInputValidator<RelatedPersonInput>());
        RuleForEach(c => c.RelatedParties).ChildRules(r =>
            r.RuleFor(p => p.Relationship).NotNull().IsInEnum().WithMessage("Say how this person is related (e.g. spouse_or_partner, alleged_abuser)."));
    }
}
