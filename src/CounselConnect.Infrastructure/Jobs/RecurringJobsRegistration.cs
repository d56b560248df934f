using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs once the database (and so Hangfire's storage) is ready (see <see cref="RecurringJobRegistrar"/>).</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs, ILogger<RecurringJobsRegistration> logger) : IHostedService, IDisposable
{
    private readonly RecurringJobRegistrar _registrar = new(logger, "Imports, tokens and retention");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registrar.Start(() =>
        {
            recurringJobs.AddOrUpdate<ResumeStalledImportsJob>(ResumeStalledImportsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            recurringJobs.AddOrUpdate<PruneTokensJob>(PruneTokensJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
            recurringJobs.AddOrUpdate<Security.RetentionPurgeJob>(Security.RetentionPurgeJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _registrar.StopAsync();

    public void Dispose() => _registrar.Dispose();
}
