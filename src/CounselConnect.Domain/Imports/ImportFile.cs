namespace CounselConnect.Domain.Imports;

/// <summary>
/// The uploaded CSV, kept in the database until its import has finished so that an accepted upload survives a
/// restart or another server picking the job up. Deleted when the import completes.
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
