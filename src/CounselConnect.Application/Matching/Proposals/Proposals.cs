using System.Diagnostics;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Matching.Proposals;

public sealed record ProposalDto(
    Guid Id,
    ProposalStatus Status,
    IReadOnlyList<ProposedPlacement> Placements,
    IReadOnlyList<Guid> UnplacedCaseIds,
    long TotalScore,
    long? GreedyTotalScore,
    long? SolveMilliseconds,
    DateTime CreatedAtUtc,
    DateTime? ConfirmedAtUtc);

/// <summary>Proposes a batch placement of cases that need counsel (all, or the given ones) over representatives (all, or the given ones).</summary>
public sealed record CreateProposalCommand(IReadOnlyList<Guid>? CaseIds, IReadOnlyList<Guid>? RepresentativeIds) : ICommand<ProposalDto>;

public sealed record GetProposalQuery(Guid Id) : IQuery<ProposalDto>;

public sealed record PlacementInput(Guid CaseId, Guid RepresentativeId);

/// <summary>A manager's edit: the placements they want; every one must meet the hard constraints.</summary>
public sealed record EditProposalCommand(Guid Id, IReadOnlyList<PlacementInput> Placements) : ICommand<ProposalDto>;

/// <summary>Confirms a proposal: each placement becomes an assignment.</summary>
public sealed record ConfirmProposalCommand(Guid Id) : ICommand<ProposalDto>;

public sealed class CreateProposalValidator : AbstractValidator<CreateProposalCommand>
{
    public CreateProposalValidator()
    {
        RuleFor(c => c.CaseIds).Must(x => x is null || x.Count <= 5000).WithMessage("At most 5,000 cases per proposal.");
        RuleFor(c => c.RepresentativeIds).Must(x => x is null || x.Count <= 5000).WithMessage("At most 5,000 representatives per proposal.");
    }
}

public sealed class EditProposalValidator : AbstractValidator<EditProposalCommand>
{
    public EditProposalValidator()
    {
        RuleFor(c => c.Placements).NotNull();
        RuleFor(c => c.Placements).Must(p => p is null || p.Select(x => x.CaseId).Distinct().Count() == p.Count)
            .WithMessage("Each case may be placed once.");
    }
}

public sealed class CreateProposalHandler(PlacementPlanner planner, IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<CreateProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(CreateProposalCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        var problem = await planner.BuildAsync(organisationId, command.CaseIds, command.RepresentativeIds, tracking: false, cancellationToken);
        var watch = Stopwatch.StartNew();
        var best = PlacementSolver.Solve(problem.Cases.Count, problem.Capacities, problem.Edges);
        watch.Stop();
        var greedy = GreedyPlacement.Solve(problem.Cases.Count, problem.Capacities, problem.Edges);
        var scores = problem.Edges.ToDictionary(e => (e.Case, e.Representative), e => e.Score);
        var placements = new List<ProposedPlacement>();
        var unplaced = new List<Guid>();
        for (var i = 0; i < problem.Cases.Count; i++)
        {
            var j = best.RepresentativeOfCase[i];
            if (j >= 0)
            {
                placements.Add(new ProposedPlacement(problem.Cases[i].Id, problem.Representatives[j].Profile.Id, scores[(i, j)]));
            }
            else
            {
                unplaced.Add(problem.Cases[i].Id);
            }
        }

        var proposal = new PlacementProposal(organisationId, placements, unplaced, user.Subject ?? "unknown", clock.GetUtcNow().UtcDateTime);
        db.Set<PlacementProposal>().Add(proposal);
        audit.Record("matching.proposal_created", "PlacementProposal", proposal.Id, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        return ProposalMapping.ToDto(proposal, greedy.TotalScore, watch.ElapsedMilliseconds);
    }
}

public sealed class GetProposalHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetProposalQuery, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(GetProposalQuery query, CancellationToken cancellationToken) =>
        ProposalMapping.ToDto(await ProposalMapping.LoadAsync(db, user, query.Id, cancellationToken), null, null);
}

public sealed class EditProposalHandler(PlacementPlanner planner, IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<EditProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(EditProposalCommand command, CancellationToken cancellationToken)
    {
        var proposal = await ProposalMapping.LoadAsync(db, user, command.Id, cancellationToken);
        if (proposal.Status != ProposalStatus.Draft)
        {
            throw new BusinessRuleException("ProposalNotDraft", "Only a draft proposal can be edited.");
        }

        var (problem, placements) = await planner.CheckAsync(proposal.OrganisationId,
            [.. command.Placements.Select(p => (p.CaseId, p.RepresentativeId))], tracking: false, cancellationToken);
        var all = proposal.Placements.Select(p => p.CaseId).Concat(proposal.UnplacedCaseIds).ToList();
        proposal.Edit([.. placements.Select(p => new ProposedPlacement(problem.Cases[p.Case].Id, problem.Representatives[p.Representative].Profile.Id, p.Score))],
            all, clock.GetUtcNow().UtcDateTime);
        audit.Record("matching.proposal_edited", "PlacementProposal", proposal.Id, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        return ProposalMapping.ToDto(proposal, null, null);
    }
}

public sealed class ConfirmProposalHandler(PlacementPlanner planner, IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<ConfirmProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(ConfirmProposalCommand command, CancellationToken cancellationToken)
    {
        var proposal = await ProposalMapping.LoadAsync(db, user, command.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        proposal.Confirm(user.Subject ?? "unknown", now);
        var (problem, placements) = await planner.CheckAsync(proposal.OrganisationId,
            [.. proposal.Placements.Select(p => (p.CaseId, p.RepresentativeId))], tracking: true, cancellationToken);
        foreach (var (i, j, _) in placements)
        {
            var @case = problem.Cases[i];
            @case.AssignCounsel(now);
            db.Set<Assignment>().Add(new Assignment(@case.OrganisationId, @case.Id, problem.Representatives[j].Profile.Id, AssignmentMethod.BatchProposal,
                false, user.Subject ?? "unknown", $"Batch proposal {proposal.Id}", now));
            audit.Record("assignment.created", "Case", @case.Id, "assignment");
        }

        audit.Record("matching.proposal_confirmed", "PlacementProposal", proposal.Id, "anonymised");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new BusinessRuleException("CaseAlreadyAssigned", "A case was assigned by someone else in the meantime.");
        }

        return ProposalMapping.ToDto(proposal, null, null);
    }
}

internal static class ProposalMapping
{
    public static async Task<PlacementProposal> LoadAsync(IApplicationDbContext db, ICurrentUser user, Guid id, CancellationToken ct)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        return await db.Set<PlacementProposal>().FirstOrDefaultAsync(p => p.Id == id && p.OrganisationId == organisationId, ct)
            ?? throw new NotFoundException("Proposal");
    }

    public static ProposalDto ToDto(PlacementProposal p, long? greedy, long? ms) => new(p.Id, p.Status, p.Placements, p.UnplacedCaseIds,
        p.Placements.Sum(x => (long)x.Score), greedy, ms, p.CreatedAtUtc, p.ConfirmedAtUtc);
}
