namespace CounselConnect.Application.Imports;

/// <summary>
/// Writes validated import rows straight to the party tables in large batches (PostgreSQL binary COPY, SQLite
/// prepared statements in one transaction per batch), with the same outcome as the EF path: parties upserted by
/// external id, personal fields sealed under a data key per party, one change-feed row per party written.
/// Engines without a bulk path (SQL Server) report <see cref="IsAvailable"/> false and the import uses EF.
/// </summary>
public interface IPartyBulkWriter
{
    bool IsAvailable { get; }

    /// <summary>Rows per batch (one transaction each).</summary>
    int BatchSize { get; }

    /// <summary>
    /// The CPU part, run while the previous batch is being written: seals every row under a fresh data key
    /// (a row whose external id turns out to be stored already is sealed again under its party's key on write).
    /// Within the batch, a later row with the same external id replaces an earlier one.
    /// </summary>
    PreparedPartyBatch Prepare(Guid organisationId, IReadOnlyList<PartyImportCsv.Row> rows, DateTime nowUtc);

    /// <summary>Stores a prepared batch in one transaction: new parties inserted, known external ids updated.</summary>
    Task WriteAsync(PreparedPartyBatch prepared, CancellationToken ct);
}

/// <summary>A batch sealed by <see cref="IPartyBulkWriter.Prepare"/>; its content belongs to the writer.</summary>
public abstract class PreparedPartyBatch
{
    public abstract int Count { get; }
}
