using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CounselConnect.Infrastructure.Security;

/// <summary>
/// Real deletion: destroys the data key of a scope (a case, or one imported party) so its personal data can never
/// be decrypted again, and tells every server's conflict index to drop the parties it protected.
/// </summary>
public sealed class DataKeyShredder(AppDbContext db, KeyRing keyRing, TimeProvider clock, ILogger<DataKeyShredder> logger)
{
    public async Task<int> DestroyAsync(Guid scopeId, CancellationToken ct)
    {
        var keys = await db.Set<DataKey>().Where(k => k.ScopeId == scopeId && k.DestroyedAtUtc == null).ToListAsync(ct);
        if (keys.Count == 0)
        {
            return 0;
        }

        var keyIds = keys.Select(k => k.Id).ToList();
        var parties = await db.Set<Party>().AsNoTracking()
            .Where(p => keyIds.Contains(EF.Property<Guid>(p, ProtectedData.DataKeyIdProperty)))
            .Select(p => new { p.Id, p.OrganisationId })
            .ToListAsync(ct);
        foreach (var key in keys)
        {
            key.Destroy(clock.GetUtcNow().UtcDateTime);
        }

        db.Set<PartyChange>().AddRange(parties.Select(p => new PartyChange(p.OrganisationId, p.Id, deleted: true)));
        await db.SaveChangesAsync(ct);
        foreach (var id in keyIds)
        {
            keyRing.Forget(id);
        }

        logger.LogInformation("Destroyed {Keys} data keys protecting {Parties} parties", keys.Count, parties.Count);
        return parties.Count;
    }
}
