namespace CounselConnect.Application.Imports;

/// <summary>
/// Where an uploaded CSV waits for its import: sealed (AES-256-GCM) under a data key of its own, a <c>DataKeys</c>
/// row whose scope is the import, so that destroying that key when the import ends leaves nothing readable of the
/// file, in the database or in any backup taken while it was stored.
/// </summary>
public interface IImportFileStore
{
    /// <summary>Seals the file under a new data key and adds both to the unit of work (saved with the import).</summary>
    void Add(Guid importId, Guid organisationId, byte[] content);

    /// <summary>The file's content, or null when it is no longer stored (discarded, or its key destroyed).</summary>
    Task<byte[]?> OpenAsync(Guid importId, CancellationToken ct);

    /// <summary>Destroys the file's data key and deletes the stored file, at once (not at the next save).</summary>
    Task DiscardAsync(Guid importId, CancellationToken ct);
}
