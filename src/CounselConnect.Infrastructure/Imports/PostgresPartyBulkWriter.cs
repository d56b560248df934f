using CounselConnect.Application.Imports;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CounselConnect.Infrastructure.Imports;

/// <summary>
/// PostgreSQL: per batch one transaction with one lookup of the batch's external ids (<c>= ANY</c>, the unique
/// index), binary COPY of the new parties, their data keys and change-feed rows, and one round trip of UPDATEs
/// for external ids already stored (a re-import).
/// </summary>
public sealed class PostgresPartyBulkWriter(AppDbContext db, ProtectedData protectedData, KeyRing keyRing)
    : PartyBulkWriter(protectedData, keyRing)
{
    public override int BatchSize => 10_000;

    public override async Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct)
    {
        var batch = (Batch)prepared;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var existing = await FindExistingAsync(connection, batch, ct);
            var fresh = batch.Items.Where(i => !existing.ContainsKey(i.Row.ExternalId)).ToList();
            await CopyNewAsync(connection, batch, fresh, ct);
            await UpdateExistingAsync(connection, batch, existing, ct);
            await CopyChangesAsync(connection, batch, existing, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Dictionary<string, Existing>> FindExistingAsync(NpgsqlConnection connection, Batch batch, CancellationToken ct)
    {
        await using var find = new NpgsqlCommand(
            """
            SELECT p."ExternalId", p."Id", p."DataKeyId", k."WrappedKey", k."DestroyedAtUtc" IS NOT NULL OR k."Id" IS NULL
            FROM "Parties" p LEFT JOIN "DataKeys" k ON k."Id" = p."DataKeyId"
            WHERE p."OrganisationId" = @org AND p."ExternalId" = ANY(@ids)
            """, connection);
        find.Parameters.AddWithValue("org", NpgsqlDbType.Uuid, batch.OrganisationId);
        find.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Varchar, batch.Items.Select(i => i.Row.ExternalId).ToArray());
        var found = new Dictionary<string, Existing>(StringComparer.Ordinal);
        var keys = new List<(Guid, byte[]?, bool)>();
        await using var reader = await find.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var keyId = reader.GetGuid(2);
            var erased = reader.GetBoolean(4);
            found[reader.GetString(0)] = new Existing(reader.GetGuid(1), keyId, erased);
            keys.Add((keyId, reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3), erased));
        }

        KeyRing.Preload(keys);
        return found;
    }

    private async Task CopyNewAsync(NpgsqlConnection connection, Batch batch, List<Item> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        await using (var keys = await connection.BeginBinaryImportAsync(
            """COPY "DataKeys" ("Id", "ScopeId", "OrganisationId", "WrappedKey", "MasterKeyId", "CreatedAtUtc") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var item in fresh)
            {
                await keys.StartRowAsync(ct);
                await keys.WriteAsync(item.Sealed.DataKeyId, NpgsqlDbType.Uuid, ct);
                await keys.WriteAsync(item.PartyId, NpgsqlDbType.Uuid, ct);
                await keys.WriteAsync(batch.OrganisationId, NpgsqlDbType.Uuid, ct);
                await keys.WriteAsync(item.Sealed.WrappedKey!, NpgsqlDbType.Bytea, ct);
                await keys.WriteAsync(KeyRing.MasterKeyId, NpgsqlDbType.Varchar, ct);
                await keys.WriteAsync(batch.NowUtc, NpgsqlDbType.TimestampTz, ct);
            }

            await keys.CompleteAsync(ct);
        }

        await using var parties = await connection.BeginBinaryImportAsync(
            """
            COPY "Parties" ("Id", "OrganisationId", "CaseReference", "Role", "ExternalId", "CreatedAtUtc", "Protected", "DataKeyId", "ANumberIndex")
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var item in fresh)
        {
            await parties.StartRowAsync(ct);
            await parties.WriteAsync(item.PartyId, NpgsqlDbType.Uuid, ct);
            await parties.WriteAsync(batch.OrganisationId, NpgsqlDbType.Uuid, ct);
            await WriteNullableAsync(parties, item.Row.CaseReference, ct);
            await parties.WriteAsync(item.Row.Role, NpgsqlDbType.Varchar, ct);
            await parties.WriteAsync(item.Row.ExternalId, NpgsqlDbType.Varchar, ct);
            await parties.WriteAsync(batch.NowUtc, NpgsqlDbType.TimestampTz, ct);
            await parties.WriteAsync(item.Sealed.Protected, NpgsqlDbType.Bytea, ct);
            await parties.WriteAsync(item.Sealed.DataKeyId, NpgsqlDbType.Uuid, ct);
            await WriteNullableAsync(parties, item.Sealed.ANumberIndex, ct);
        }

        await parties.CompleteAsync(ct);
    }

    private async Task UpdateExistingAsync(NpgsqlConnection connection, Batch batch, Dictionary<string, Existing> existing, CancellationToken ct)
    {
        if (existing.Count == 0)
        {
            return;
        }

        await using var updates = new NpgsqlBatch(connection);
        foreach (var item in batch.Items)
        {
            if (!existing.TryGetValue(item.Row.ExternalId, out var party))
            {
                continue;
            }

            // An erased party (its key destroyed) keeps its unreadable ciphertext, as on the EF path.
            var sealedParty = party.Erased ? null : Reseal(item.Row, party.DataKeyId);
            var update = new NpgsqlBatchCommand(
                """
                UPDATE "Parties" SET "Role" = $1, "CaseReference" = $2, "UpdatedAtUtc" = $3,
                    "Protected" = COALESCE($4, "Protected"), "ANumberIndex" = CASE WHEN $4 IS NULL THEN "ANumberIndex" ELSE $5 END
                WHERE "Id" = $6
                """);
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = item.Row.Role });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)item.Row.CaseReference ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = batch.NowUtc });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)sealedParty?.Protected ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)sealedParty?.ANumberIndex ?? DBNull.Value });
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = party.PartyId });
            updates.BatchCommands.Add(update);
        }

        await updates.ExecuteNonQueryAsync(ct);
    }

    private static async Task CopyChangesAsync(NpgsqlConnection connection, Batch batch, Dictionary<string, Existing> existing, CancellationToken ct)
    {
        await using var changes = await connection.BeginBinaryImportAsync(
            """COPY "PartyChanges" ("OrganisationId", "PartyId", "Deleted") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var item in batch.Items)
        {
            await changes.StartRowAsync(ct);
            await changes.WriteAsync(batch.OrganisationId, NpgsqlDbType.Uuid, ct);
            await changes.WriteAsync(existing.TryGetValue(item.Row.ExternalId, out var party) ? party.PartyId : item.PartyId, NpgsqlDbType.Uuid, ct);
            await changes.WriteAsync(false, NpgsqlDbType.Boolean, ct);
        }

        await changes.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        }
    }
}
