using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Imports;

public enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A CSV import of parties from a program's history, processed in the background.</summary>
public sealed class PartyImport : Entity
{
    public const int MaxStoredErrors = 1000;

    private readonly List<ImportRowError> _errors = [];

    private PartyImport()
    {
        FileName = string.Empty;
        RequestedBy = string.Empty;
    }

    public PartyImport(Guid organisationId, string fileName, string requestedBy, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        FileName = fileName;
        RequestedBy = requestedBy;
        CreatedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
        Status = ImportStatus.Queued;
    }

    public Guid OrganisationId { get; private set; }

    public string FileName { get; private set; }

    public string RequestedBy { get; private set; }

    public ImportStatus Status { get; private set; }

    public long RowsRead { get; private set; }

    public long RowsAccepted { get; private set; }

    public long RowsRejected { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>When the import last moved (queued, started, progressed, finished): the sweep resumes stalled ones.</summary>
    public DateTime LastActivityAtUtc { get; private set; }

    /// <summary>How many times the import was started (first run and resumptions).</summary>
    public int Attempts { get; private set; }

    public IReadOnlyList<ImportRowError> Errors => _errors;

    public void Start(DateTime nowUtc)
    {
        Status = ImportStatus.Running;
        StartedAtUtc ??= nowUtc;
        LastActivityAtUtc = nowUtc;
        Attempts++;
        RowsRead = RowsAccepted = RowsRejected = 0;
        _errors.Clear();
    }

    public void Progress(long read, long accepted, long rejected, IEnumerable<ImportRowError> newErrors, DateTime nowUtc)
    {
        LastActivityAtUtc = nowUtc;
        RowsRead = read;
        RowsAccepted = accepted;
        RowsRejected = rejected;
        foreach (var error in newErrors)
        {
            if (_errors.Count < MaxStoredErrors)
            {
                _errors.Add(error);
            }
        }
    }

    /// <summary>True when a queued or running import has not moved for <paramref name="stallAfter"/>.</summary>
    public bool IsStalled(DateTime nowUtc, TimeSpan stallAfter) =>
        Status is ImportStatus.Queued or ImportStatus.Running && nowUtc - LastActivityAtUtc >= stallAfter;

    public void Complete(DateTime nowUtc)
    {
        Status = ImportStatus.Completed;
        FinishedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }

    public void Fail(string reason, DateTime nowUtc)
    {
        Status = ImportStatus.Failed;
        FailureReason = reason;
        FinishedAtUtc = nowUtc;
        LastActivityAtUtc = nowUtc;
    }
}

/// <summary>A rejected row: its line number and why (never the row's values).</summary>
public sealed record ImportRowError(long Line, string Reason);
