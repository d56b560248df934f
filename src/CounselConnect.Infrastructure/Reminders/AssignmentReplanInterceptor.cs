using System.Runtime.CompilerServices;
using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Assignments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Reminders;

/// <summary>
/// Attorney reminders go to the case's current assignment, so every saved change to an assignment (made, ended,
/// reassigned: whichever feature saved it) queues a replan of that case's reminders. The job carries the case id only.
/// </summary>
public sealed class AssignmentReplanInterceptor(IServiceProvider services) : SaveChangesInterceptor
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

        var caseIds = context.ChangeTracker.Entries<Assignment>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity.CaseId)
            .ToList();
        if (caseIds.Count > 0)
        {
            _pending.GetOrCreateValue(context).UnionWith(caseIds);
        }
    }

    private void Enqueue(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var caseIds))
        {
            return;
        }

        _pending.Remove(context);
        var queue = services.GetRequiredService<IReminderReplanQueue>();
        foreach (var caseId in caseIds)
        {
            queue.ReplanCase(caseId);
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

