using System.Collections.Concurrent;
using System.Data.Common;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CounselConnect.Infrastructure.Matching;

/// <summary>
/// The change feed as <see cref="ConflictIndexCache"/> replays it, a page at a time: one streamed query per page
/// (a plain <see cref="DbDataReader"/> on the context's connection) returns each change with its party's stored
/// ciphertext and the party's wrapped data key (left joins, by primary key), with no entity materialisation and no
/// change tracker. The fresh rows are then opened in parallel on every
/// core: the data key unwrapped into <see cref="KeyRing"/>'s cache (one unwrap per key, as the EF path would do), the
/// payload decrypted and parsed. A destroyed key (the party purged by <see cref="DataKeyShredder"/>), a deleted or a
/// missing party gives no record, so the index drops the party. The same SQL on SQLite, PostgreSQL and SQL Server
/// except for the row limit.
/// </summary>
public sealed class PartyChangeFeed(AppDbContext db, KeyRing keyRing) : IPartyChangeFeed
{

    /// <summary>
    /// A page of changes (by the primary key on <c>Seq</c>) with each party's ciphertext and wrapped data key (by
    /// primary keys). Plain SQL that SQLite (with LIMIT), PostgreSQL and SQL Server (with OFFSET/FETCH) all run; the
    /// names are those of the EF model (<c>PartyConfiguration</c>).
    /// </summary>
    private const string PageSql =
        """
        SELECT c."Seq", c."OrganisationId", c."PartyId", c."Deleted", p."Protected", k."Id", k."WrappedKey",
               CASE WHEN k."DestroyedAtUtc" IS NULL THEN 0 ELSE 1 END
        FROM (SELECT "Seq", "OrganisationId", "PartyId", "Deleted" FROM "PartyChanges" WHERE "Seq" > @after
              ORDER BY "Seq" {LIMIT}) c
        LEFT JOIN "Parties" p ON p."Id" = c."PartyId"
        LEFT JOIN "DataKeys" k ON k."Id" = p."DataKeyId"
        ORDER BY c."Seq"
        """;

    private const string CountSql = """SELECT COUNT(*) FROM "PartyChanges" WHERE "Seq" > @after AND "Seq" <= @upTo""";

    private const string SequencesSql =
        """
        SELECT "Seq" FROM "PartyChanges" WHERE "Seq" > @after AND "Seq" <= @upTo ORDER BY "Seq"
        """;

    private static readonly string SqliteSql = PageSql.Replace("{LIMIT}", "LIMIT @max", StringComparison.Ordinal);
    private static readonly string StandardSql = PageSql.Replace("{LIMIT}", "OFFSET 0 ROWS FETCH NEXT @max ROWS ONLY", StringComparison.Ordinal);

    public async Task<PartyFeedPage> ReadAsync(long afterSeq, int max, Func<long, bool>? alreadyApplied, CancellationToken ct)
    {
        var rows = new List<Row>(alreadyApplied is null ? Math.Min(max, 65_536) : 0);
        var read = 0;
        var lastSeq = afterSeq;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = NewCommand(db.Database.IsSqlite() ? SqliteSql : StandardSql, ("@after", afterSeq), ("@max", max));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                read++;
                lastSeq = reader.GetInt64(0);
                if (alreadyApplied is not null && alreadyApplied(lastSeq))
                {
                    // Applied already (the window rescan): the blobs are left in the reader, not copied.
                    continue;
                }

                var hasKey = !reader.IsDBNull(5);
                rows.Add(new Row(lastSeq, reader.GetGuid(1), reader.GetGuid(2), reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
                    hasKey ? reader.GetGuid(5) : null,
                    hasKey && !reader.IsDBNull(6) ? reader.GetFieldValue<byte[]>(6) : null,
                    hasKey && reader.GetInt32(7) != 0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new Page(this, rows, read, lastSeq);
    }

    public async Task<long> CountAsync(long afterSeq, long upToSeq, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = NewCommand(CountSql, ("@after", afterSeq), ("@upTo", upToSeq));
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<long?> FirstUnappliedAsync(long afterSeq, long upToSeq, Func<long, bool> alreadyApplied, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(alreadyApplied);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = NewCommand(SequencesSql, ("@after", afterSeq), ("@upTo", upToSeq));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var seq = reader.GetInt64(0);
                if (!alreadyApplied(seq))
                {
                    return seq;
                }
            }

            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A command on the context's open connection, in its transaction if it has one.</summary>
    private DbCommand NewCommand(string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
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

        var data = ProtectedData.OpenParty(plaintext);
        return new PartyRecord(row.PartyId, data.GivenNames.Length == 0 ? [] : [data.GivenNames], data.FamilyNames, data.Aliases,
            data.DateOfBirth, data.ANumber);
    }

    private sealed class Page(PartyChangeFeed feed, List<Row> rows, int rowsRead, long lastSeq) : PartyFeedPage
    {
        public override int RowsRead => rowsRead;

        public override long LastSeq => lastSeq;

        public override IReadOnlyList<PartyFeedChange> Open(Func<long, bool> alreadyApplied)
        {
            ArgumentNullException.ThrowIfNull(alreadyApplied);
            var fresh = rows.Where(r => !alreadyApplied(r.Seq)).ToList();
            var changes = new PartyFeedChange[fresh.Count];
            if (fresh.Count == 0)
            {
                return changes;
            }

            Parallel.ForEach(Partitioner.Create(0, fresh.Count, 256), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var row = fresh[i];
                    changes[i] = new PartyFeedChange(row.Seq, row.OrganisationId, row.PartyId, row.Deleted ? null : feed.Open(row));
                }
            });
            return changes;
        }
    }

    private sealed record Row(long Seq, Guid OrganisationId, Guid PartyId, bool Deleted, byte[]? Protected, Guid? KeyId,
        byte[]? WrappedKey, bool KeyDestroyed);
}
