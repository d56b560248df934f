using System.Globalization;
using CounselConnect.Application.Imports;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Infrastructure.Imports;

/// <summary>
/// SQLite: one transaction per batch and prepared commands reused for every row. A party is inserted with
/// <c>ON CONFLICT (OrganisationId, ExternalId) DO NOTHING</c>; only when that stores nothing (the external id is
/// known: a re-import) is the stored party looked up and updated under its own data key. Values are written in
/// the forms EF Core's SQLite provider uses (GUIDs as upper-case text, times as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>).
/// </summary>
public sealed class SqlitePartyBulkWriter(AppDbContext db, ProtectedData protectedData, KeyRing keyRing)
    : PartyBulkWriter(protectedData, keyRing)
{
    public override int BatchSize => 20_000;

    public override async Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct)
    {
        var batch = (Batch)prepared;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            using var commands = new Commands(connection, transaction);
            var organisation = Text(batch.OrganisationId);
            var now = Text(batch.NowUtc);
            foreach (var item in batch.Items)
            {
                ct.ThrowIfCancellationRequested();
                var partyId = item.PartyId;
                if (commands.InsertParty(item, organisation, now))
                {
                    commands.InsertKey(item, organisation, now, KeyRing.MasterKeyId);
                }
                else
                {
                    var existing = commands.Find(organisation, item.Row.ExternalId);
                    KeyRing.Preload([(existing.Party.DataKeyId, existing.WrappedKey, existing.Party.Erased)]);
                    var sealedParty = existing.Party.Erased ? null : Reseal(item.Row, existing.Party.DataKeyId);
                    commands.Update(existing.Party.PartyId, item.Row, sealedParty, now);
                    partyId = existing.Party.PartyId;
                }

                commands.InsertChange(organisation, partyId);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Text(Guid value) => value.ToString().ToUpperInvariant();

    private static string Text(DateTime value) => value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static object OrNull(object? value) => value ?? DBNull.Value;

    /// <summary>The batch's prepared statements; each is compiled once and re-bound per row.</summary>
    private sealed class Commands : IDisposable
    {
        private readonly SqliteCommand _insertParty;
        private readonly SqliteCommand _insertKey;
        private readonly SqliteCommand _insertChange;
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _update;

        public Commands(SqliteConnection connection, SqliteTransaction transaction)
        {
            _insertParty = Create(connection, transaction,
                """
                INSERT INTO "Parties" ("Id", "OrganisationId", "CaseReference", "Role", "ExternalId", "CreatedAtUtc", "Protected", "DataKeyId", "ANumberIndex")
                VALUES ($id, $org, $ref, $role, $ext, $now, $protected, $key, $index)
                ON CONFLICT ("OrganisationId", "ExternalId") DO NOTHING
                """, "$id", "$org", "$ref", "$role", "$ext", "$now", "$protected", "$key", "$index");
            _insertKey = Create(connection, transaction,
                """
                INSERT INTO "DataKeys" ("Id", "ScopeId", "OrganisationId", "WrappedKey", "MasterKeyId", "CreatedAtUtc")
                VALUES ($id, $scope, $org, $wrapped, $master, $now)
                """, "$id", "$scope", "$org", "$wrapped", "$master", "$now");
            _insertChange = Create(connection, transaction,
                """INSERT INTO "PartyChanges" ("OrganisationId", "PartyId", "Deleted") VALUES ($org, $party, 0)""", "$org", "$party");
            _find = Create(connection, transaction,
                """
                SELECT p."Id", p."DataKeyId", k."WrappedKey", k."DestroyedAtUtc" IS NOT NULL OR k."Id" IS NULL
                FROM "Parties" p LEFT JOIN "DataKeys" k ON k."Id" = p."DataKeyId"
                WHERE p."OrganisationId" = $org AND p."ExternalId" = $ext
                """, "$org", "$ext");
            _update = Create(connection, transaction,
                """
                UPDATE "Parties" SET "Role" = $role, "CaseReference" = $ref, "UpdatedAtUtc" = $now,
                    "Protected" = COALESCE($protected, "Protected"),
                    "ANumberIndex" = CASE WHEN $protected IS NULL THEN "ANumberIndex" ELSE $index END
                WHERE "Id" = $id
                """, "$role", "$ref", "$now", "$protected", "$index", "$id");
        }

        public bool InsertParty(Item item, string organisation, string now)
        {
            var p = _insertParty.Parameters;
            p[0].Value = Text(item.PartyId);
            p[1].Value = organisation;
            p[2].Value = OrNull(item.Row.CaseReference);
            p[3].Value = item.Row.Role;
            p[4].Value = item.Row.ExternalId;
            p[5].Value = now;
            p[6].Value = item.Sealed.Protected;
            p[7].Value = Text(item.Sealed.DataKeyId);
            p[8].Value = OrNull(item.Sealed.ANumberIndex);
            return _insertParty.ExecuteNonQuery() == 1;
        }

        public void InsertKey(Item item, string organisation, string now, string masterKeyId)
        {
            var p = _insertKey.Parameters;
            p[0].Value = Text(item.Sealed.DataKeyId);
            p[1].Value = Text(item.PartyId);
            p[2].Value = organisation;
            p[3].Value = item.Sealed.WrappedKey!;
            p[4].Value = masterKeyId;
            p[5].Value = now;
            _insertKey.ExecuteNonQuery();
        }

        public void InsertChange(string organisation, Guid partyId)
        {
            _insertChange.Parameters[0].Value = organisation;
            _insertChange.Parameters[1].Value = Text(partyId);
            _insertChange.ExecuteNonQuery();
        }

        public (Existing Party, byte[]? WrappedKey) Find(string organisation, string externalId)
        {
            _find.Parameters[0].Value = organisation;
            _find.Parameters[1].Value = externalId;
            using var reader = _find.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException("The insert met an existing party that the lookup cannot find.");
            }

            var keyId = Guid.Parse(reader.GetString(1));
            return (new Existing(Guid.Parse(reader.GetString(0)), keyId, reader.GetBoolean(3)),
                reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
        }

        public void Update(Guid partyId, PartyImportCsv.Row row, SealedParty? sealedParty, string now)
        {
            var p = _update.Parameters;
            p[0].Value = row.Role;
            p[1].Value = OrNull(row.CaseReference);
            p[2].Value = now;
            p[3].Value = OrNull(sealedParty?.Protected);
            p[4].Value = OrNull(sealedParty?.ANumberIndex);
            p[5].Value = Text(partyId);
            _update.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insertParty.Dispose();
            _insertKey.Dispose();
            _insertChange.Dispose();
            _find.Dispose();
            _update.Dispose();
        }

        private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
