using Mediator;
using Microsoft.Extensions.Options;

namespace CounselConnect.Application.Reminders.Planning;

/// <summary>
/// The materialisation step (recurring job <c>reminders:materialise</c>, no arguments): writes the reminder rows that fall due
/// within <see cref="ReminderOptions.MaterialiseHorizon"/> for the cases whose plan stamp says so
/// (<see cref="BulkReminderPlanner.MaterialiseDueAsync"/>). Up to <see cref="ReminderOptions.MaterialiseMaxCases"/> cases per run.
/// </summary>
public sealed record MaterialiseDueRemindersCommand : ICommand<MaterialiseResult>;

public sealed class MaterialiseDueRemindersHandler(BulkReminderPlanner planner, IOptions<ReminderOptions> options)
    : ICommandHandler<MaterialiseDueRemindersCommand, MaterialiseResult>
{
    public async ValueTask<MaterialiseResult> Handle(MaterialiseDueRemindersCommand command, CancellationToken cancellationToken) =>
        await planner.MaterialiseDueAsync(options.Value.MaterialiseHorizon, options.Value.MaterialiseMaxCases, cancellationToken);
}
