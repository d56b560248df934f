using Hangfire;
using Microsoft.Extensions.Hosting;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs once the database (and so Hangfire's storage) is ready.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ResumeStalledImportsJob>(ResumeStalledImportsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<PruneTokensJob>(PruneTokensJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        recurringJobs.AddOrUpdate<Security.RetentionPurgeJob>(Security.RetentionPurgeJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
