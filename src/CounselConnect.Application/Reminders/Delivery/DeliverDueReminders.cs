using Mediator;

namespace CounselConnect.Application.Reminders.Delivery;

/// <summary>One delivery run (sent by the recurring Hangfire job). <paramref name="Claimer"/> names this server in claimed rows.</summary>
public sealed record DeliverDueRemindersCommand(string Claimer) : ICommand<DispatchResult>;

public sealed class DeliverDueRemindersHandler(ReminderDispatcher dispatcher) : ICommandHandler<DeliverDueRemindersCommand, DispatchResult>
{
    public async ValueTask<DispatchResult> Handle(DeliverDueRemindersCommand command, CancellationToken cancellationToken) =>
        await dispatcher.RunAsync(command.Claimer, cancellationToken);
}
