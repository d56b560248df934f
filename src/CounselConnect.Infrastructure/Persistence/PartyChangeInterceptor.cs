using CounselConnect.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CounselConnect.Infrastructure.Persistence;

/// <summary>
/// Writes a <see cref="PartyChange"/> row for every party added, changed or deleted, in the same SaveChanges
/// (and so the same transaction): the conflict index of every server replays these rows.
/// </summary>
public sealed class PartyChangeInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddChanges(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void AddChanges(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changes = context.ChangeTracker.Entries<Party>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new PartyChange(e.Entity.OrganisationId, e.Entity.Id, e.State == EntityState.Deleted))
            .ToList();
        if (changes.Count > 0)
        {
            context.Set<PartyChange>().AddRange(changes);
        }
    }
}
