using CounselConnect.Application.Matching.Proposals;
using CounselConnect.Application.Matching.RankAttorneys;
using CounselConnect.Domain.Assignments;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Ranking representatives for a case, and batch placement proposals that a manager reviews, edits and confirms.</summary>
public sealed class Matching : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases").WithTags("Matching").RequireAuthorization(Policies.ProgramManager).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        cases.MapGet("/{caseId:guid}/attorney-matches", Rank).WithName("RankAttorneys")
            .WithSummary("Representatives for a case: hard constraints filter, soft scores rank, with reasons").ProducesProblem(404);

        var proposals = app.MapGroup("/api/v1/matching/proposals").WithTags("Matching").RequireAuthorization(Policies.ProgramManager).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        proposals.MapPost("/", Create).WithName("CreatePlacementProposal")
            .WithSummary("Propose the placement of unplaced cases that maximises total fit under capacities (large batches: 202, solved in the background)")
            .Produces<ProposalDto>(StatusCodes.Status202Accepted);
        proposals.MapGet("/{id:guid}", Get).WithName("GetPlacementProposal").WithSummary("One placement proposal").ProducesProblem(404);
        proposals.MapPut("/{id:guid}", Edit).WithName("EditPlacementProposal")
            .WithSummary("Replace the placements of a draft proposal (each must meet the hard constraints)").ProducesProblem(404).ProducesProblem(409);
        proposals.MapPost("/{id:guid}/confirm", Confirm).WithName("ConfirmPlacementProposal")
            .WithSummary("Confirm a proposal: its placements become assignments").ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<Ok<AttorneyRankingDto>> Rank(Guid caseId, ISender sender, CancellationToken ct, bool includeExcluded = false, int limit = 50) =>
        TypedResults.Ok(await sender.Send(new RankAttorneysQuery(caseId, includeExcluded, limit), ct));

    private static async Task<Results<Created<ProposalDto>, Accepted<ProposalDto>>> Create(CreateProposalRequest request, ISender sender, CancellationToken ct)
    {
        var proposal = await sender.Send(new CreateProposalCommand(request.CaseIds, request.RepresentativeIds, request.Background), ct);
        var location = $"/api/v1/matching/proposals/{proposal.Id}";
        return proposal.RunState == ProposalRunState.Done
            ? TypedResults.Created(location, proposal)
            : TypedResults.Accepted(location, proposal);
    }

    private static async Task<Ok<ProposalDto>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProposalQuery(id), ct));

    private static async Task<Ok<ProposalDto>> Edit(Guid id, EditProposalRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new EditProposalCommand(id, request.Placements), ct));

    private static async Task<Ok<ProposalDto>> Confirm(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ConfirmProposalCommand(id), ct));

    /// <param name="Background">true: always in the background; false: within the request; omitted: by size (see docs/matching.md).</param>
    public sealed record CreateProposalRequest(IReadOnlyList<Guid>? CaseIds, IReadOnlyList<Guid>? RepresentativeIds, bool? Background = null);

    public sealed record EditProposalRequest(IReadOnlyList<PlacementInput>? Placements);
}
