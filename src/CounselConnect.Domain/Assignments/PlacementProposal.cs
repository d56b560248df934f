using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Assignments;

/// <summary>A batch placement the solver proposed; a program manager reviews, edits and confirms it.</summary>
public sealed class PlacementProposal : Entity
{
    private PlacementProposal()
    {
        CreatedBy = string.Empty;
    }

    public PlacementProposal(Guid organisationId, IReadOnlyList<ProposedPlacement> placements, IReadOnlyList<Guid> unplacedCaseIds,
        string createdBy, DateTime nowUtc)
    {
        OrganisationId = organisationId;
        Placements = [.. placements];
        UnplacedCaseIds = [.. unplacedCaseIds];
        CreatedBy = createdBy;
        CreatedAtUtc = nowUtc;
        Status = ProposalStatus.Draft;
        RunState = ProposalRunState.Done;
        ProgressPercent = 100;
    }

    /// <summary>A proposal to be solved by a background job: only the requested ids are kept until it runs.</summary>
    public static PlacementProposal Queue(Guid organisationId, IReadOnlyList<Guid>? caseIds, IReadOnlyList<Guid>? representativeIds,
        string createdBy, DateTime nowUtc) => new(organisationId, [], [], createdBy, nowUtc)
        {
            RunState = ProposalRunState.Queued,
            ProgressPercent = 0,
            RequestedCaseIds = caseIds is { Count: > 0 } ? [.. caseIds] : null,
            RequestedRepresentativeIds = representativeIds is { Count: > 0 } ? [.. representativeIds] : null,
        };

    public Guid OrganisationId { get; private set; }

    public ProposalStatus Status { get; private set; }

    public List<ProposedPlacement> Placements { get; private set; } = [];

    public List<Guid> UnplacedCaseIds { get; private set; } = [];

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? EditedAtUtc { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    /// <summary>Whether the solver has run: queued → running → done (or failed). Proposals solved in the request are done at once.</summary>
    public ProposalRunState RunState { get; private set; }

    /// <summary>0–100, by solver phase (loaded, scored, solved, saved).</summary>
    public int ProgressPercent { get; private set; }

    public string? FailureReason { get; private set; }

    public List<Guid>? RequestedCaseIds { get; private set; }

    public List<Guid>? RequestedRepresentativeIds { get; private set; }

    public long? GreedyTotalScore { get; private set; }

    public long? SolveMilliseconds { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public void Start()
    {
        CheckRule(RunState is not (ProposalRunState.Queued or ProposalRunState.Running), "ProposalNotQueued", "This proposal is not waiting to be solved.");
        RunState = ProposalRunState.Running;
        ProgressPercent = Math.Max(ProgressPercent, 5);
    }

    public void ReportProgress(int percent)
    {
        CheckRule(RunState != ProposalRunState.Running, "ProposalNotRunning", "This proposal is not being solved.");
        ProgressPercent = Math.Clamp(percent, ProgressPercent, 99);
    }

    /// <summary>Records the solver's result (also for proposals solved within the request).</summary>
    public void Complete(IReadOnlyList<ProposedPlacement> placements, IReadOnlyList<Guid> unplacedCaseIds, long greedyTotalScore, long solveMilliseconds,
        DateTime nowUtc)
    {
        CheckRule(RunState is ProposalRunState.Failed || Status != ProposalStatus.Draft, "ProposalNotRunning", "This proposal cannot take a result.");
        Placements = [.. placements];
        UnplacedCaseIds = [.. unplacedCaseIds];
        GreedyTotalScore = greedyTotalScore;
        SolveMilliseconds = solveMilliseconds;
        RunState = ProposalRunState.Done;
        ProgressPercent = 100;
        FinishedAtUtc = nowUtc;
    }

    /// <summary>The job gave up; the reason is a fixed text, never personal data.</summary>
    public void Fail(string reason, DateTime nowUtc)
    {
        RunState = ProposalRunState.Failed;
        FailureReason = reason;
        FinishedAtUtc = nowUtc;
    }

    public void Edit(IReadOnlyList<ProposedPlacement> placements, IReadOnlyList<Guid> unplacedCaseIds, DateTime nowUtc)
    {
        CheckRule(RunState != ProposalRunState.Done, "ProposalNotReady", "This proposal has not been solved yet.");
        CheckRule(Status != ProposalStatus.Draft, "ProposalNotDraft", "Only a draft proposal can be edited.");
        CheckRule(placements.GroupBy(p => p.CaseId).Any(g => g.Count() > 1), "CasePlacedTwice", "A case can be placed once only.");
        Placements = [.. placements];
        UnplacedCaseIds = [.. unplacedCaseIds.Except(placements.Select(p => p.CaseId))];
        EditedAtUtc = nowUtc;
    }

    public void Confirm(string confirmedBy, DateTime nowUtc)
    {
        CheckRule(RunState != ProposalRunState.Done, "ProposalNotReady", "This proposal has not been solved yet.");
        CheckRule(Status != ProposalStatus.Draft, "ProposalNotDraft", "This proposal has already been confirmed.");
        Status = ProposalStatus.Confirmed;
        ConfirmedBy = confirmedBy;
        ConfirmedAtUtc = nowUtc;
    }
}

public enum ProposalStatus
{
    Draft,
    Confirmed,
}

/// <summary>Where the solver is with a proposal. <c>Done</c> is 0 so proposals stored before background solving read as done.</summary>
public enum ProposalRunState
{
    Done,
    Queued,
    Running,
    Failed,
}

public sealed record ProposedPlacement(Guid CaseId, Guid RepresentativeId, int Score);
