using System.Collections.Concurrent;
using System.Text.Json;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Matching;

/// <summary>
/// The change feed as <see cref="ConflictIndexCache"/> replays it, a page at a time: one streamed query per page
/// returns each change with its party's stored ciphertext and the party's wrapped data key (left joins, by primary
/// key), with no entity materialisation and no change tracker. The fresh rows are then opened in parallel on every
/// core: the data key unwrapped into <see cref="KeyRing"/>'s cache (one unwrap per key, as the EF path would do), the
/// payload decrypted and parsed. A destroyed key (the party purged by <see cref="DataKeyShredder"/>), a deleted or a
/// missing party gives no record, so the index drops the party. Provider-neutral LINQ: the same on SQLite,
/// PostgreSQL and SQL Server.
/// </summary>
public sealed class PartyChangeFeed(AppDbContext db, KeyRing keyRing) : IPartyChangeFeed
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PartyFeedPage> ReadAsync(long afterSeq, int max, Func<long, bool> alreadyApplied, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alreadyApplied);
        var page = db.Set<PartyChange>().AsNoTracking()
            .Where(c => c.Seq > afterSeq)
            .OrderBy(c => c.Seq)
            .Take(max);
        var query =
            from c in page
            join p0 in db.Set<Party>().AsNoTracking() on c.PartyId equals p0.Id into parties
            from p in parties.DefaultIfEmpty()
            join k0 in db.Set<DataKey>().AsNoTracking() on EF.Property<Guid>(p!, ProtectedData.DataKeyIdProperty) equals k0.Id into keys
            from k in keys.DefaultIfEmpty()
            orderby c.Seq
            select new Row(c.Seq, c.OrganisationId, c.PartyId, c.Deleted,
                EF.Property<byte[]?>(p!, ProtectedData.ProtectedProperty),
                k == null ? null : (Guid?)k.Id,
                k == null ? null : k.WrappedKey,
                k != null && k.DestroyedAtUtc != null);

        var rows = new List<Row>(Math.Min(max, 65_536));
        var read = 0;
        long last = afterSeq;
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            read++;
            last = row.Seq;
            if (!alreadyApplied(row.Seq))
            {
                rows.Add(row);
            }
        }

        db.ChangeTracker.Clear();
        var changes = new PartyFeedChange[rows.Count];
        Parallel.ForEach(Partitioner.Create(0, rows.Count, 256), new ParallelOptions { CancellationToken = ct }, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var row = rows[i];
                changes[i] = new PartyFeedChange(row.Seq, row.OrganisationId, row.PartyId, row.Deleted ? null : Open(row));
            }
        });

        return new PartyFeedPage(read, last, changes);
    }

    /// <summary>The party as the EF path materialises it (<see cref="ProtectedData"/>), or null when erased or gone.</summary>
    private PartyRecord? Open(Row row)
    {
        if (row.Protected is null || row.KeyId is not { } keyId)
        {
            return null;
        }

        keyRing.Preload([(keyId, row.WrappedKey, row.KeyDestroyed)]);
        var plaintext = keyRing.Decrypt(row.Protected);
        if (plaintext is null)
        {
            return null;
        }

        var data = JsonSerializer.Deserialize<Payload>(plaintext, Json)!;
        return new PartyRecord(row.PartyId, data.G.Length == 0 ? [] : [data.G], data.F, data.A,
            data.D is null ? null : PartialDate.Parse(data.D), data.N is null ? null : ANumber.Parse(data.N));
    }

    private sealed record Row(long Seq, Guid OrganisationId, Guid PartyId, bool Deleted, byte[]? Protected, Guid? KeyId,
        byte[]? WrappedKey, bool KeyDestroyed);

    /// <summary>The sealed payload's shape, as <see cref="ProtectedData"/> writes it (names kept short on purpose).</summary>
    private sealed record Payload(string G, string[] F, string[] A, string? D, string? N);
}
