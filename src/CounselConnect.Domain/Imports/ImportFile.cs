namespace CounselConnect.Domain.Imports;

/// <summary>
/// The uploaded CSV, kept in the database until its import has finished so that an accepted upload survives a
/// restart or another server picking the job up. <see cref="Content"/> is stored sealed under a data key of the
/// import's own (Infrastructure/Imports/ImportFileStore.cs); the file is deleted and its key destroyed when the
/// import completes or fails, or by the retention purge when it is left behind.
/// </summary>
public sealed class ImportFile
{
    private ImportFile()
    {
        Content = [];
    }

    public ImportFile(Guid importId, byte[] content)
    {
        ImportId = importId;
        Content = content;
    }

    public Guid ImportId { get; private set; }

    public byte[] Content { get; private set; }
}
