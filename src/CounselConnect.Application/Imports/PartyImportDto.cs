using CounselConnect.Domain.Imports;

namespace CounselConnect.Application.Imports;

public sealed record PartyImportDto(
    Guid Id,
    ImportStatus Status,
    string FileName,
    long RowsRead,
    long RowsAccepted,
    long RowsRejected,
    IReadOnlyList<ImportRowError> Errors,
    bool ErrorsTruncated,
    string? FailureReason,
    DateTime CreatedAtUtc,
    DateTime? StartedAtUtc,
    DateTime? FinishedAtUtc)
{
    public static PartyImportDto From(PartyImport i) =>
        new(i.Id, i.Status, i.FileName, i.RowsRead, i.RowsAccepted, i.RowsRejected, i.Errors,
            i.RowsRejected > i.Errors.Count, i.FailureReason, i.CreatedAtUtc, i.StartedAtUtc, i.FinishedAtUtc);
}
