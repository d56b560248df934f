using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Application.Reminders.Planning;
using Hangfire;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>Recurring: one delivery run. Carries no arguments; the reminders table says what is due.</summary>
public sealed class DeliverRemindersJob(ISender sender)
{
    public const string Id = "reminders:deliver";

    /// <summary>This process's name in claimed rows.</summary>
    public static readonly string Claimer = $"{Environment.MachineName}:{Environment.ProcessId}";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new DeliverDueRemindersCommand(Claimer), cancellationToken);
}

/// <summary>Recurring: the replan sweep (<see cref="SweepReminderPlansCommand"/>). Carries no arguments; the plan stamps say what is stale.</summary>
public sealed class ReplanSweepJob(ISender sender)
{
    public const string Id = "reminders:replan-sweep";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new SweepReminderPlansCommand(), cancellationToken);
}

/// <summary>
/// Recurring: the materialisation step (<see cref="MaterialiseDueRemindersCommand"/>). Carries no arguments; the plan stamps say
/// which cases have reminders coming within the horizon. Two runs at once (two servers) write each row once (unique key).
/// </summary>
public sealed class MaterialiseRemindersJob(ISender sender)
{
    public const string Id = "reminders:materialise";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new MaterialiseDueRemindersCommand(), cancellationToken);
}

/// <summary>Registers the reminder delivery job (<c>Reminders:DeliveryCron</c>, every minute by default) once Hangfire's storage is ready.</summary>
public sealed class ReminderJobsRegistration(IRecurringJobManager recurringJobs, IOptions<ReminderOptions> options,
    IOptions<ChannelOptions> channels, ILogger<ReminderJobsRegistration> logger) : IHostedService, IDisposable
{
    private readonly Jobs.RecurringJobRegistrar _registrar = new(logger, "Reminders");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registrar.Start(Register);
        if (!channels.Value.UseSmtp || !channels.Value.UseTwilio)
        {
            logger.LogWarning("Reminders: email via {Email}, SMS via {Sms}; the outbox is for development only",
                channels.Value.UseSmtp ? "SMTP" : "the outbox", channels.Value.UseTwilio ? "Twilio" : "the outbox");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _registrar.StopAsync();

    public void Dispose() => _registrar.Dispose();

    private void Register()
    {
        if (options.Value.DeliveryJobEnabled)
        {
            recurringJobs.AddOrUpdate<DeliverRemindersJob>(DeliverRemindersJob.Id, job => job.RunAsync(CancellationToken.None), options.Value.DeliveryCron);
        }
        else
        {
            recurringJobs.RemoveIfExists(DeliverRemindersJob.Id);
        }

        if (!string.IsNullOrWhiteSpace(options.Value.ReplanSweepCron))
        {
            recurringJobs.AddOrUpdate<ReplanSweepJob>(ReplanSweepJob.Id, job => job.RunAsync(CancellationToken.None), options.Value.ReplanSweepCron);
        }
        else
        {
            recurringJobs.RemoveIfExists(ReplanSweepJob.Id);
        }

        if (!string.IsNullOrWhiteSpace(options.Value.MaterialiseCron))
        {
            recurringJobs.AddOrUpdate<MaterialiseRemindersJob>(MaterialiseRemindersJob.Id, job => job.RunAsync(CancellationToken.None), options.Value.MaterialiseCron);
        }
        else
        {
            recurringJobs.RemoveIfExists(MaterialiseRemindersJob.Id);
        }
    }
}
