using FluentValidation;

namespace CounselConnect.Application.Outcomes.RecordCaseClosing;

public sealed class RecordCaseClosingValidator : AbstractValidator<RecordCaseClosingCommand>
{
    public RecordCaseClosingValidator(TimeProvider clock)
    {
        RuleFor(c => c.Outcome).NotNull().WithMessage(
            "The court outcome is required: relief_granted, removal_ordered, voluntary_departure, terminated, dismissed, " +
            "administratively_closed, other_closure or pending.").IsInEnum();
        RuleFor(c => c.ReliefGranted).IsInEnum();
        RuleFor(c => c.ClosingCode).IsInEnum();
        RuleFor(c => c.RepresentativeType).IsInEnum();
        RuleFor(c => c.Nationality).Matches("^[A-Za-z]{2,3}$").WithMessage("Use an ISO 3166-1 alpha-2 or alpha-3 code (e.g. GT or GTM).");
        RuleFor(c => c.FundingSources).Must(f => f is null || f.Count <= 10).WithMessage("At most 10 funding sources.");
        RuleForEach(c => c.FundingSources).NotEmpty().MaximumLength(64)
            .Matches("^[A-Za-z0-9][A-Za-z0-9_.-]*$").WithMessage("A funding-source tag is letters, digits, '-', '_' or '.' (e.g. lsc, nyc-council).");
        RuleFor(c => c.AttorneyId).Must(id => id != Guid.Empty).WithMessage("The attorney id is not valid.");
        var today = () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1));
        RuleFor(c => c.DecisionDate).Must(d => d is null || d <= today()).WithMessage("The decision date cannot be in the future.");
        RuleFor(c => c.CounselAssignedDate).Must(d => d is null || d <= today()).WithMessage("The date counsel was assigned cannot be in the future.");
        RuleFor(c => c.FirstHearingWithCounselDate).Must(d => d is null || d <= today())
            .WithMessage("The first hearing with counsel cannot be in the future.");
    }
}
