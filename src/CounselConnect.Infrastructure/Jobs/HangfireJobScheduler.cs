using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Application.Imports.RunPartyImport;
using Hangfire;
using Mediator;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>Queues jobs in Hangfire. Job arguments are ids only.</summary>
public sealed class HangfireJobScheduler(IBackgroundJobClient client) : IJobScheduler
{
    public void EnqueuePartyImport(Guid importId) => client.Enqueue<PartyImportJob>(job => job.RunAsync(importId, CancellationToken.None));
}

/// <summary>Runs one party import; the body sends one command through the mediator.</summary>
public sealed class PartyImportJob(ISender sender)
{
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken) =>
        await sender.Send(new RunPartyImportCommand(importId), cancellationToken);
}

/// <summary>Recurring: queues stalled imports again (see ResumeStalledImportsCommand).</summary>
public sealed class ResumeStalledImportsJob(ISender sender)
{
    public const string Id = "imports:resume-stalled";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new Application.Imports.ResumeStalledImports.ResumeStalledImportsCommand(), cancellationToken);
}
