using CounselConnect.Application.Imports;
using CounselConnect.Domain.Imports;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Imports;

/// <summary>
/// Stores an uploaded CSV sealed under a data key of its own (scope: the import id; shadow column
/// <c>ImportFiles.DataKeyId</c>), opens it for the import job, and discards it, destroying the key first, when the
/// import ends. A row without a key id is a file stored in clear by an earlier release: it is read as it is and
/// discarded the same way.
/// </summary>
public sealed class ImportFileStore(AppDbContext db, KeyRing keyRing, TimeProvider clock) : IImportFileStore
{
    public const string DataKeyIdProperty = "DataKeyId";

    public void Add(Guid importId, Guid organisationId, byte[] content)
    {
        var (keyId, wrapped) = keyRing.NewDataKey();
        db.Set<DataKey>().Add(new DataKey(keyId, importId, organisationId, wrapped, keyRing.MasterKeyId, clock.GetUtcNow().UtcDateTime));
        var file = db.Set<ImportFile>().Add(new ImportFile(importId, keyRing.Encrypt(keyId, content)));
        file.Property<Guid?>(DataKeyIdProperty).CurrentValue = keyId;
    }

    public async Task<byte[]?> OpenAsync(Guid importId, CancellationToken ct)
    {
        var stored = await db.Set<ImportFile>().AsNoTracking()
            .Where(f => f.ImportId == importId)
            .Select(f => new { f.Content, KeyId = EF.Property<Guid?>(f, DataKeyIdProperty) })
            .FirstOrDefaultAsync(ct);
        if (stored is null)
        {
            return null;
        }

        return stored.KeyId is null ? stored.Content : keyRing.Decrypt(stored.Content);
    }

    public async Task DiscardAsync(Guid importId, CancellationToken ct)
    {
        var keyIds = await db.Set<DataKey>().Where(k => k.ScopeId == importId && k.DestroyedAtUtc == null).Select(k => k.Id).ToListAsync(ct);
        if (keyIds.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Set<DataKey>().Where(k => keyIds.Contains(k.Id) && k.DestroyedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.WrappedKey, Array.Empty<byte>()).SetProperty(k => k.DestroyedAtUtc, now), ct);
            foreach (var id in keyIds)
            {
                keyRing.Forget(id);
            }
        }

        await db.Set<ImportFile>().Where(f => f.ImportId == importId).ExecuteDeleteAsync(ct);
    }
}
