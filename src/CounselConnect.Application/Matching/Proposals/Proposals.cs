using System.Diagnostics;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Representatives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

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
    DateTime? ConfirmedAtUtc,
    ProposalRunState RunState,
    int ProgressPercent,
    string? FailureReason);

/// <summary>Proposes a batch placement of cases that need counsel (all, or the given ones) over representatives (all, or the given ones).</summary>
/// <remarks>
/// <paramref name="Background"/>: <c>true</c> queues the solve as a background job, <c>false</c> solves within the request,
/// <c>null</c> decides by size: more than <see cref="CreateProposalHandler.BackgroundPairThreshold"/> case × representative pairs go to the background.
/// </remarks>
public sealed record CreateProposalCommand(IReadOnlyList<Guid>? CaseIds, IReadOnlyList<Guid>? RepresentativeIds, bool? Background = null) : ICommand<ProposalDto>;

/// <summary>The background half of a queued proposal (a Hangfire job sends it with the proposal id only).</summary>
public sealed record RunProposalCommand(Guid ProposalId) : ICommand;

/// <summary>Queues the solve of a proposal in the background; ids only.</summary>
public interface IPlacementJobQueue
{
    void EnqueueProposal(Guid proposalId);
}

public sealed record GetProposalQuery(Guid Id) : IQuery<ProposalDto>;

public sealed record PlacementInput(Guid CaseId, Guid RepresentativeId);

/// <summary>A manager's edit: the placements they want (required; an empty list leaves every case unplaced); every one must meet the hard constraints.</summary>
public sealed record EditProposalCommand(Guid Id, IReadOnlyList<PlacementInput>? Placements) : ICommand<ProposalDto>;

/// <summary>Confirms a proposal: each placement becomes an assignment.</summary>
public sealed record ConfirmProposalCommand(Guid Id) : ICommand<ProposalDto>;

public sealed class CreateProposalValidator : AbstractValidator<CreateProposalCommand>
{
    public CreateProposalValidator()
    {
        RuleFor(c => c.CaseIds).Must(x => x is null || x.Count <= 5000).WithMessage("At most 5,000 cases per proposal.");
        RuleFor(c => c.RepresentativeIds).Must(x => x is null || x.Count <= 5000).WithMessage("At most 5,000 representatives per proposal.");
        RuleFor(c => c.CaseIds).Must(x => x is null || x.Count > 0)
            .WithMessage("Name at least one case, or omit caseIds for all cases that need counsel.");
        RuleFor(c => c.RepresentativeIds).Must(x => x is null || x.Count > 0)
            .WithMessage("Name at least one representative, or omit representativeIds for all representatives.");
    }
}

public sealed class EditProposalValidator : AbstractValidator<EditProposalCommand>
{
    public EditProposalValidator()
    {
        RuleFor(c => c.Placements).NotNull()
            .WithMessage("Send the placements the proposal should hold; an empty list leaves every case unplaced.");
        RuleFor(c => c.Placements).Must(p => p is null || p.Select(x => x.CaseId).Distinct().Count() == p.Count)
            .WithMessage("Each case may be placed once.");
        RuleForEach(c => c.Placements).ChildRules(placement =>
        {
            placement.RuleFor(p => p.CaseId).NotEmpty().WithMessage("Name the case (its id).");
            placement.RuleFor(p => p.RepresentativeId).NotEmpty().WithMessage("Name the representative (their profile id).");
        });
    }
}

public sealed class CreateProposalHandler(PlacementPlanner planner, IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock,
    IPlacementJobQueue jobs)
    : ICommandHandler<CreateProposalCommand, ProposalDto>
{
    /// <summary>
    /// Above this many case × representative pairs (e.g. 200 cases × 250 attorneys) a proposal is solved by a background
    /// job and the request returns at once (202); at or below it, within the request (201). Chosen so that a request stays
    /// well under a second on an idle server (docs/matching.md).
    /// </summary>
    public const long BackgroundPairThreshold = 50_000;

    public async ValueTask<ProposalDto> Handle(CreateProposalCommand command, CancellationToken cancellationToken)
    {
        var organisationId = user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");
        await RequireKnownAsync(organisationId, command, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var background = command.Background ?? await PairsAsync(organisationId, command, cancellationToken) > BackgroundPairThreshold;
        if (background)
        {
            var queued = PlacementProposal.Queue(organisationId, command.CaseIds, command.RepresentativeIds, user.Subject ?? "unknown", now);
            db.Set<PlacementProposal>().Add(queued);
            audit.Record("matching.proposal_queued", "PlacementProposal", queued.Id, "anonymised");
            await db.SaveChangesAsync(cancellationToken);
            jobs.EnqueueProposal(queued.Id);
            return ProposalMapping.ToDto(queued);
        }

        var proposal = new PlacementProposal(organisationId, [], [], user.Subject ?? "unknown", now);
        await ProposalSolve.RunAsync(planner, proposal, command.CaseIds, command.RepresentativeIds, _ => Task.CompletedTask, now, cancellationToken);
        db.Set<PlacementProposal>().Add(proposal);
        audit.Record("matching.proposal_created", "PlacementProposal", proposal.Id, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        return ProposalMapping.ToDto(proposal);
    }

    /// <summary>
    /// Every case named must need counsel in the caller's organisation and every representative named must be one of its
    /// profiles: otherwise a 400 at each such id (<c>caseIds[i]</c>, <c>representativeIds[i]</c>), before anything is
    /// stored or queued. Whether the id is another organisation's case is not said.
    /// </summary>
    private async Task RequireKnownAsync(Guid organisationId, CreateProposalCommand command, CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        if (command.CaseIds is { Count: > 0 } caseIds)
        {
            var wanted = caseIds.Distinct().ToList();
            var open = (await db.Set<Case>().AsNoTracking()
                .Where(c => c.OrganisationId == organisationId && c.Status == CaseStatus.NeedsCounsel && wanted.Contains(c.Id))
                .Select(c => c.Id).ToListAsync(ct)).ToHashSet();
            failures.AddRange(caseIds.Select((id, i) => (id, i)).Where(x => !open.Contains(x.id)).Select(x => new ValidationFailure(
                $"{nameof(CreateProposalCommand.CaseIds)}[{x.i}]",
                "This case does not need counsel in your organisation (not accepted yet, already assigned, closed or unknown); leave it out.")));
        }

        if (command.RepresentativeIds is { Count: > 0 } representativeIds)
        {
            var wanted = representativeIds.Distinct().ToList();
            var known = (await db.Set<RepresentativeProfile>().AsNoTracking()
                .Where(r => r.OrganisationId == organisationId && wanted.Contains(r.Id))
                .Select(r => r.Id).ToListAsync(ct)).ToHashSet();
            failures.AddRange(representativeIds.Select((id, i) => (id, i)).Where(x => !known.Contains(x.id)).Select(x => new ValidationFailure(
                $"{nameof(CreateProposalCommand.RepresentativeIds)}[{x.i}]",
                "This is not a representative profile of your organisation; leave it out.")));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    private async Task<long> PairsAsync(Guid organisationId, CreateProposalCommand command, CancellationToken ct)
    {
        var cases = db.Set<Case>().Where(c => c.OrganisationId == organisationId && c.Status == CaseStatus.NeedsCounsel);
        if (command.CaseIds is { Count: > 0 } caseIds)
        {
            cases = cases.Where(c => caseIds.Contains(c.Id));
        }

        var reps = db.Set<RepresentativeProfile>().Where(r => r.OrganisationId == organisationId);
        if (command.RepresentativeIds is { Count: > 0 } repIds)
        {
            reps = reps.Where(r => repIds.Contains(r.Id));
        }

        return (long)await cases.CountAsync(ct) * await reps.CountAsync(ct);
    }
}

/// <summary>Solves a proposal: builds the feasible pairs, runs the min-cost flow and the greedy baseline, stores the result.</summary>
internal static class ProposalSolve
{
    public static async Task RunAsync(PlacementPlanner planner, PlacementProposal proposal, IReadOnlyCollection<Guid>? caseIds,
        IReadOnlyCollection<Guid>? representativeIds, Func<int, Task> progress, DateTime nowUtc, CancellationToken ct)
    {
        var problem = await planner.BuildAsync(proposal.OrganisationId, caseIds, representativeIds, tracking: false, ct);
        await progress(40);
        var watch = Stopwatch.StartNew();
        var best = PlacementSolver.Solve(problem.Cases.Count, problem.Capacities, problem.Edges);
        watch.Stop();
        await progress(90);
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

        proposal.Complete(placements, unplaced, greedy.TotalScore, watch.ElapsedMilliseconds, nowUtc);
    }
}

public sealed class RunProposalHandler(PlacementPlanner planner, IApplicationDbContext db, TimeProvider clock, ILogger<RunProposalHandler> logger)
    : ICommandHandler<RunProposalCommand>
{
    public async ValueTask<Unit> Handle(RunProposalCommand command, CancellationToken cancellationToken)
    {
        var proposal = await db.Set<PlacementProposal>().FirstOrDefaultAsync(p => p.Id == command.ProposalId, cancellationToken);
        if (proposal is null || proposal.RunState is not (ProposalRunState.Queued or ProposalRunState.Running))
        {
            return Unit.Value;
        }

        proposal.Start();
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await ProposalSolve.RunAsync(planner, proposal, proposal.RequestedCaseIds, proposal.RequestedRepresentativeIds, async percent =>
            {
                proposal.ReportProgress(percent);
                await db.SaveChangesAsync(cancellationToken);
            }, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Placement proposal {ProposalId} failed", proposal.Id);
            proposal.Fail("The placement could not be computed; start a new proposal.", clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class GetProposalHandler(IApplicationDbContext db, ICurrentUser user) : IQueryHandler<GetProposalQuery, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(GetProposalQuery query, CancellationToken cancellationToken) =>
        ProposalMapping.ToDto(await ProposalMapping.LoadAsync(db, user, query.Id, cancellationToken));
}

public sealed class EditProposalHandler(PlacementPlanner planner, IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<EditProposalCommand, ProposalDto>
{
    public async ValueTask<ProposalDto> Handle(EditProposalCommand command, CancellationToken cancellationToken)
    {
        var proposal = await ProposalMapping.LoadAsync(db, user, command.Id, cancellationToken);
        if (proposal.RunState != ProposalRunState.Done)
        {
            throw new BusinessRuleException("ProposalNotReady", "This proposal has not been solved yet.");
        }

        if (proposal.Status != ProposalStatus.Draft)
        {
            throw new BusinessRuleException("ProposalNotDraft", "Only a draft proposal can be edited.");
        }

        var (problem, placements) = await planner.CheckAsync(proposal.OrganisationId,
            [.. command.Placements!.Select(p => (p.CaseId, p.RepresentativeId))], tracking: false, cancellationToken);
        var all = proposal.Placements.Select(p => p.CaseId).Concat(proposal.UnplacedCaseIds).ToList();
        proposal.Edit([.. placements.Select(p => new ProposedPlacement(problem.Cases[p.Case].Id, problem.Representatives[p.Representative].Profile.Id, p.Score))],
            all, clock.GetUtcNow().UtcDateTime);
        audit.Record("matching.proposal_edited", "PlacementProposal", proposal.Id, "anonymised");
        await db.SaveChangesAsync(cancellationToken);
        return ProposalMapping.ToDto(proposal);
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

        return ProposalMapping.ToDto(proposal);
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

    public static ProposalDto ToDto(PlacementProposal p) => new(p.Id, p.Status, p.Placements, p.UnplacedCaseIds,
        p.Placements.Sum(x => (long)x.Score), p.GreedyTotalScore, p.SolveMilliseconds, p.CreatedAtUtc, p.ConfirmedAtUtc,
        p.RunState, p.ProgressPercent, p.FailureReason);
}
