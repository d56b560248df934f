using CounselConnect.Application.Imports;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.Infrastructure.Imports;

/// <summary>
/// What the PostgreSQL and SQLite bulk writers share: sealing a batch (off the writing task) and the rows they
/// store. The tables written are exactly those EF writes for an imported party: <c>Parties</c>, its own
/// <c>DataKeys</c> row, and one <c>PartyChanges</c> row per party for the conflict index of every server.
/// </summary>
public abstract class PartyBulkWriter(ProtectedData protectedData, KeyRing keyRing) : IPartyBulkWriter
{
    public bool IsAvailable => true;

    public abstract int BatchSize { get; }

    protected ProtectedData ProtectedData => protectedData;

    protected KeyRing KeyRing => keyRing;

    /// <summary>The writer for the configured engine; SQL Server has none and keeps the EF path.</summary>
    public static IPartyBulkWriter Create(DatabaseProvider provider, IServiceProvider services) => provider switch
    {
        DatabaseProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgresPartyBulkWriter>(services),
        DatabaseProvider.Sqlite => ActivatorUtilities.CreateInstance<SqlitePartyBulkWriter>(services),
        _ => NoPartyBulkWriter.Instance,
    };

    public PreparedPartyBatch Prepare(Guid organisationId, IReadOnlyList<PartyImportCsv.Row> rows, DateTime nowUtc)
    {
        var items = new List<Item>(rows.Count);
        var positions = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var item = new Item(Guid.CreateVersion7(), row, Seal(row, null));
            if (positions.TryGetValue(row.ExternalId, out var at))
            {
                items[at] = item;
            }
            else
            {
                positions[row.ExternalId] = items.Count;
                items.Add(item);
            }
        }

        return new Batch(organisationId, nowUtc, items, rows.Count);
    }

    public abstract Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct);

    /// <summary>Seals a row again under the data key of the party that already holds its external id.</summary>
    protected SealedParty Reseal(PartyImportCsv.Row row, Guid dataKeyId) => Seal(row, dataKeyId);

    private SealedParty Seal(PartyImportCsv.Row row, Guid? dataKeyId) =>
        protectedData.SealParty(dataKeyId, row.GivenNames.Trim(),
            [.. row.FamilyNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())],
            [.. row.Aliases.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim())],
            row.DateOfBirth, row.ANumber);

    /// <summary>One party to store: the id it gets when new, its row, and its fields sealed under a fresh key.</summary>
    protected sealed record Item(Guid PartyId, PartyImportCsv.Row Row, SealedParty Sealed);

    /// <summary>A party already stored under the external id: its id and data key (null when destroyed).</summary>
    protected sealed record Existing(Guid PartyId, Guid DataKeyId, bool Erased);

    protected sealed class Batch(Guid organisationId, DateTime nowUtc, List<Item> items, int rowCount) : PreparedPartyBatch
    {
        public Guid OrganisationId => organisationId;

        public DateTime NowUtc => nowUtc;

        public List<Item> Items => items;

        public override int Count => rowCount;
    }

    private sealed class NoPartyBulkWriter : IPartyBulkWriter
    {
        public static readonly NoPartyBulkWriter Instance = new();

        public bool IsAvailable => false;

        public int BatchSize => 0;

        public PreparedPartyBatch Prepare(Guid organisationId, IReadOnlyList<PartyImportCsv.Row> rows, DateTime nowUtc) =>
            throw new NotSupportedException("This database engine has no bulk import path; the import uses EF Core.");

        public Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct) =>
            throw new NotSupportedException("This database engine has no bulk import path; the import uses EF Core.");
    }
}
