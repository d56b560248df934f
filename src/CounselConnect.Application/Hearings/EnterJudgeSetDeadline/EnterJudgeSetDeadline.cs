using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Deadlines;
using FluentValidation;
using Mediator;

namespace CounselConnect.Application.Hearings.EnterJudgeSetDeadline;

/// <summary>Records a deadline the judge set (detained dockets, bond, scheduling orders) and plans its reminders.</summary>
public sealed record EnterJudgeSetDeadlineCommand(Guid CaseId, DateOnly? DueDate, string? Description, DateOnly? HearingDate)
    : ICommand<GetCaseDeadlines.CaseDeadlineDto>;

public sealed class EnterJudgeSetDeadlineValidator : AbstractValidator<EnterJudgeSetDeadlineCommand>
{
    public EnterJudgeSetDeadlineValidator()
    {
        RuleFor(c => c.DueDate).NotNull();
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
        db.Set<JudgeSetDeadline>().Add(deadline);
        audit.Record("deadline.enter", "Case", @case.Id, "proceedings");
        await db.SaveChangesAsync(cancellationToken);
        await planner.ReplanCaseAsync(@case.Id, cancellationToken);
        return new GetCaseDeadlines.CaseDeadlineDto(null, deadline.Id, deadline.Resolve());
    }
}
