using CounselConnect.Application.Administration.Retention;
using Hangfire;
using Mediator;

namespace CounselConnect.Infrastructure.Security;

/// <summary>Recurring (daily): sends the purge command. The job carries no arguments, so no personal data.</summary>
public sealed class RetentionPurgeJob(ISender sender)
{
    public const string Id = "retention:purge";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken) => await sender.Send(new PurgeExpiredCasesCommand(), cancellationToken);
}
