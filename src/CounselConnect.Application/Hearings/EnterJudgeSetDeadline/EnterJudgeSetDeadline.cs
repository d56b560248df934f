using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Deadlines;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Hearings.EnterJudgeSetDeadline;

/// <summary>Records a deadline the judge set (detained dockets, bond, scheduling orders) and plans its reminders.</summary>
public sealed record EnterJudgeSetDeadlineCommand(Guid CaseId, DateOnly? DueDate, string? Description, DateOnly? HearingDate)
    : ICommand<GetCaseDeadlines.CaseDeadlineDto>;

public sealed class EnterJudgeSetDeadlineValidator : AbstractValidator<EnterJudgeSetDeadlineCommand>
{
    public const string PastMessage = "A deadline is due today or later: check the date.";

    /// <summary>Written out (not built from <see cref="HearingInputRules.HorizonYears"/>) so that pages can translate it; change both together.</summary>
    public const string TooFarMessage = "A deadline is due at most 10 years ahead: check the year.";

    public EnterJudgeSetDeadlineValidator(TimeProvider clock)
    {
        // A missing date stops at NotNull: the later rules read it.
        RuleLevelCascadeMode = CascadeMode.Stop;
        // "Today" at the court: UTC's date less one day, so that a court west of UTC (Hawaii, American Samoa: UTC-10, -11)
        // can still enter a deadline due on its own today late in its day.
        RuleFor(c => c.DueDate).NotNull()
            .Must(due => due >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1)).WithMessage(PastMessage)
            .Must(due => HearingInputRules.IsWithinHorizon(due!.Value, clock.GetUtcNow())).WithMessage(TooFarMessage);
        RuleFor(c => c.HearingDate)
            .Must(date => HearingInputRules.IsWithinHorizon(date!.Value, clock.GetUtcNow())).When(c => c.HearingDate is not null)
            .WithMessage(HearingInputRules.TooFarMessage);
        RuleFor(c => c.Description).NotEmpty().MaximumLength(JudgeSetDeadline.DescriptionMaxLength);
    }
}

public sealed class EnterJudgeSetDeadlineHandler(ICaseAccess access, ICurrentUser user, IApplicationDbContext db, IAuditTrail audit,
    ReminderPlanner planner, TimeProvider clock) : ICommandHandler<EnterJudgeSetDeadlineCommand, GetCaseDeadlines.CaseDeadlineDto>
{
    public async ValueTask<GetCaseDeadlines.CaseDeadlineDto> Handle(EnterJudgeSetDeadlineCommand command, CancellationToken cancellationToken)
    {
        var @case = await access.GetCaseAsync(command.CaseId, cancellationToken);
        if (!Guid.TryParse(user.Subject, out var userId))
        {
            throw new ForbiddenAccessException("A judge-set deadline must be entered by a person.");
        }

        var deadline = JudgeSetDeadline.Enter(@case.Id, command.DueDate!.Value, command.Description!, userId, clock.GetUtcNow(), command.HearingDate);
        if (await IsEnteredAsync(deadline, cancellationToken))
        {
            throw Duplicate();
        }

        db.Set<JudgeSetDeadline>().Add(deadline);
        audit.Record("deadline.enter", "Case", @case.Id, "proceedings");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same deadline posted at the same moment: the unique index on its keyed hash kept the other one.
            if (await IsEnteredAsync(deadline, cancellationToken))
            {
                throw Duplicate();
            }

            throw;
        }

        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        return new GetCaseDeadlines.CaseDeadlineDto(null, deadline.Id, deadline.Resolve());
    }

    /// <summary>
    /// Whether another row holds the same deadline (<see cref="JudgeSetDeadline.SameDeadlineKey()"/>). The descriptions
    /// are sealed under the case's key, so the case's deadlines of that day are compared here; what this check cannot
    /// see (a request saving at the same moment) the unique index on the key's keyed hash refuses.
    /// </summary>
    private async Task<bool> IsEnteredAsync(JudgeSetDeadline deadline, CancellationToken cancellationToken)
    {
        var key = deadline.SameDeadlineKey();
        var sameDay = await db.Set<JudgeSetDeadline>().AsNoTracking()
            .Where(d => d.CaseId == deadline.CaseId && d.DueDate == deadline.DueDate)
            .ToListAsync(cancellationToken);
        return sameDay.Any(d => string.Equals(d.SameDeadlineKey(), key, StringComparison.Ordinal));
    }

    private static BusinessRuleException Duplicate() => new("JudgeSetDeadlineDuplicate",
        "This deadline (same date and description) is already entered for the case; it was not entered again.");
}
