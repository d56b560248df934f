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
    }

    public Guid OrganisationId { get; private set; }

    public ProposalStatus Status { get; private set; }

    public List<ProposedPlacement> Placements { get; private set; } = [];

    public List<Guid> UnplacedCaseIds { get; private set; } = [];

    public string CreatedBy { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? EditedAtUtc { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTime? ConfirmedAtUtc { get; private set; }

    public void Edit(IReadOnlyList<ProposedPlacement> placements, IReadOnlyList<Guid> unplacedCaseIds, DateTime nowUtc)
    {
        CheckRule(Status != ProposalStatus.Draft, "ProposalNotDraft", "Only a draft proposal can be edited.");
        CheckRule(placements.GroupBy(p => p.CaseId).Any(g => g.Count() > 1), "CasePlacedTwice", "A case can be placed once only.");
        Placements = [.. placements];
        UnplacedCaseIds = [.. unplacedCaseIds.Except(placements.Select(p => p.CaseId))];
        EditedAtUtc = nowUtc;
    }

    public void Confirm(string confirmedBy, DateTime nowUtc)
    {
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

public sealed record ProposedPlacement(Guid CaseId, Guid RepresentativeId, int Score);
