using System.Runtime.CompilerServices;
using CounselConnect.Application.Inbox;
using CounselConnect.Application.Matching.Proposals;
using CounselConnect.Domain.Cases;
using CounselConnect.Infrastructure.Persistence;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Matching;

public static class MatchingJobsRegistration
{
    /// <summary>Background placement proposals and inbox notifications of cases that become open to counsel.</summary>
    public static IServiceCollection AddCounselConnectMatchingJobs(this IServiceCollection services)
    {
        services.AddSingleton<IPlacementJobQueue, HangfireMatchingJobQueue>();
        services.AddSingleton<IInboxJobQueue, HangfireMatchingJobQueue>();
        services.AddSingleton<CaseOpenedInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CaseOpenedInterceptor>()));
        return services;
    }
}

/// <summary>Queues matching work in Hangfire. Job arguments are ids only.</summary>
public sealed class HangfireMatchingJobQueue(IBackgroundJobClient jobs) : IPlacementJobQueue, IInboxJobQueue
{
    public void EnqueueProposal(Guid proposalId) => jobs.Enqueue<PlacementProposalJob>(job => job.RunAsync(proposalId, CancellationToken.None));

    public void NotifyCaseOpened(Guid caseId) => jobs.Enqueue<InboxNotificationJob>(job => job.RunAsync(caseId, CancellationToken.None));
}

/// <summary>Solves one queued placement proposal; the body sends one command through the mediator.</summary>
public sealed class PlacementProposalJob(ISender sender)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(Guid proposalId, CancellationToken cancellationToken) =>
        await sender.Send(new RunProposalCommand(proposalId), cancellationToken);
}

/// <summary>Puts a case that became open to counsel into the inbox of each matching representative.</summary>
public sealed class InboxNotificationJob(ISender sender)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid caseId, CancellationToken cancellationToken) =>
        await sender.Send(new NotifyMatchingRepresentativesCommand(caseId), cancellationToken);
}

/// <summary>
/// Every saved change that makes a case need counsel (intake accepted, counsel withdrawn: whichever feature saved it)
/// queues an inbox notification after the commit, so the request that made it stays fast. The job carries the case id only.
/// </summary>
public sealed class CaseOpenedInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Enqueue(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Enqueue(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var opened = context.ChangeTracker.Entries<Case>()
            .Where(e => e.Entity.Status == CaseStatus.NeedsCounsel
                && (e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(c => c.Status).IsModified)))
            .Select(e => e.Entity.Id)
            .ToList();
        if (opened.Count > 0)
        {
            _pending.GetOrCreateValue(context).UnionWith(opened);
        }
    }

    private void Enqueue(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var caseIds))
        {
            return;
        }

        _pending.Remove(context);
        var queue = services.GetRequiredService<IInboxJobQueue>();
        foreach (var caseId in caseIds)
        {
            queue.NotifyCaseOpened(caseId);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
