using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Assignments;

/// <summary>
/// One representative's assignment to one case. Rows are never deleted: a withdrawal ends the row (who, when,
/// why) and a reassignment ends it and opens another, so the rows of a case are its assignment history.
/// </summary>
public sealed class Assignment : Entity
{
    private Assignment()
    {
        AssignedBy = string.Empty;
    }

    public Assignment(Guid organisationId, Guid caseId, Guid representativeId, AssignmentMethod method, bool attestedNoConflict,
        string assignedBy, string? note, DateTime nowUtc)
    {
        CheckRule(method == AssignmentMethod.AcceptedByRepresentative && !attestedNoConflict, "NoConflictAttestationRequired",
            "Accepting a case requires attesting that you have no conflict with its parties.");
        OrganisationId = organisationId;
        CaseId = caseId;
        RepresentativeId = representativeId;
        Method = method;
        AttestedNoConflict = attestedNoConflict;
        AssignedBy = assignedBy;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        AssignedAtUtc = nowUtc;
    }

    public Guid OrganisationId { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid RepresentativeId { get; private set; }

    public AssignmentMethod Method { get; private set; }

    public bool AttestedNoConflict { get; private set; }

    public string AssignedBy { get; private set; }

    public string? Note { get; private set; }

    public DateTime AssignedAtUtc { get; private set; }

    public bool IsActive => EndedAtUtc is null;

    public DateTime? EndedAtUtc { get; private set; }

    public string? EndedBy { get; private set; }

    public AssignmentEnd? EndKind { get; private set; }

    public string? EndReason { get; private set; }

    public void End(AssignmentEnd kind, string endedBy, string reason, DateTime nowUtc)
    {
        CheckRule(!IsActive, "AssignmentAlreadyEnded", "This assignment has already ended.");
        CheckRule(string.IsNullOrWhiteSpace(reason), "EndReasonRequired", "Say why the assignment ends.");
        EndKind = kind;
        EndedBy = endedBy;
        EndReason = reason.Trim();
        EndedAtUtc = nowUtc;
    }
}

public enum AssignmentMethod
{
    /// <summary>The representative accepted an opportunity after attesting no conflict.</summary>
    AcceptedByRepresentative,

    /// <summary>A program manager assigned the case directly.</summary>
    AssignedByManager,

    /// <summary>A program manager confirmed a batch placement proposal.</summary>
    BatchProposal,
}

public enum AssignmentEnd
{
    Withdrawn,
    Reassigned,
}

/// <summary>Step 2 of disclosure: a representative was shown the names of a case's parties.</summary>
public sealed class PartyNameDisclosure : Entity
{
    private PartyNameDisclosure()
    {
    }

    public PartyNameDisclosure(Guid caseId, Guid representativeId, DateTime nowUtc)
    {
        CaseId = caseId;
        RepresentativeId = representativeId;
        DisclosedAtUtc = nowUtc;
    }

    public Guid CaseId { get; private set; }

    public Guid RepresentativeId { get; private set; }

    public DateTime DisclosedAtUtc { get; private set; }
}
