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

    public EnterJudgeSetDeadlineValidator(TimeProvider clock)
    {
        // "Today" at the court: UTC's date less one day, so that a court west of UTC (Hawaii, American Samoa: UTC-10, -11)
        // can still enter a deadline due on its own today late in its day.
        RuleFor(c => c.DueDate).NotNull()
            .Must(due => due >= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1)).WithMessage(PastMessage);
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

        var description = command.Description!.Trim();
        var dueDate = command.DueDate!.Value;
        // The same deadline: same case, same date, same description (sealed under the case's key, so compared here).
        var sameDay = await db.Set<JudgeSetDeadline>().AsNoTracking().Where(d => d.CaseId == @case.Id && d.DueDate == dueDate).ToListAsync(cancellationToken);
        if (sameDay.Any(d => string.Equals(d.Description, description, StringComparison.OrdinalIgnoreCase)))
        {
            throw new BusinessRuleException("JudgeSetDeadlineDuplicate",
                "This deadline (same date and description) is already entered for the case; it was not entered again.");
        }

        var deadline = JudgeSetDeadline.Enter(@case.Id, command.DueDate!.Value, command.Description!, userId, clock.GetUtcNow(), command.HearingDate);
        db.Set<JudgeSetDeadline>().Add(deadline);
        audit.Record("deadline.enter", "Case", @case.Id, "proceedings");
        await db.SaveChangesAsync(cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        return new GetCaseDeadlines.CaseDeadlineDto(null, deadline.Id, deadline.Resolve());
    }
}
