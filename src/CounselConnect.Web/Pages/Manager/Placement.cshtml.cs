using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Intake.ListIntakes;
using CounselConnect.Application.Matching.Proposals;
using CounselConnect.Application.Matching.RankAttorneys;
using CounselConnect.Application.Representatives;
using CounselConnect.Application.Representatives.ListRepresentatives;
using CounselConnect.Domain.Assignments;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Manager;

/// <summary>
/// Batch placement: choose cases and representatives (or all), propose (same command as POST
/// /api/v1/matching/proposals), review the pairs with scores and reasons, change or remove pairs, confirm.
/// </summary>
public sealed class PlacementModel(ISender sender, IStringLocalizer<PlacementModel> localizer) : PageModel
{
    /// <summary>How many cases of a proposal get their reasons and alternatives (one ranking each).</summary>
    public const int RankedCasesLimit = 100;

    public int RankedCasesLimitShown => RankedCasesLimit;

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public ProposalDto? Proposal { get; private set; }

    public IReadOnlyList<IntakeSummary> Cases { get; private set; } = [];

    public int CasesTotal { get; private set; }

    public IReadOnlyList<RepresentativeDto> Representatives { get; private set; } = [];

    public Dictionary<Guid, AttorneyRankingDto> Rankings { get; } = [];

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostProposeAsync(List<Guid>? caseIds, List<Guid>? representativeIds, CancellationToken ct)
    {
        try
        {
            var proposal = await sender.Send(new CreateProposalCommand(caseIds is { Count: > 0 } ? caseIds : null,
                representativeIds is { Count: > 0 } ? representativeIds : null), ct);
            TempData["Message"] = proposal.RunState != ProposalRunState.Done
                ? "This is a large batch: the placement is being worked out in the background. Its progress is shown below."
                : proposal.Placements.Count == 0
                ? "No case could be placed: no available attorney meets the requirements of these cases."
                : "Proposal ready. Review the pairs, change any you disagree with, then confirm.";
            return Redirect($"/Manager/Placement?id={proposal.Id}");
        }
        catch (ValidationException ex)
        {
            // The lists only offer cases that need counsel and the organisation's attorneys: one changed in the meantime.
            ErrorMessage = ex.Errors.Any(e => e.PropertyName.StartsWith($"{nameof(CreateProposalCommand.CaseIds)}[", StringComparison.Ordinal))
                ? "A chosen case no longer needs counsel. The lists below are up to date: choose again."
                : ex.Errors.Any(e => e.PropertyName.StartsWith($"{nameof(CreateProposalCommand.RepresentativeIds)}[", StringComparison.Ordinal))
                ? "A chosen attorney is no longer in your organisation. The lists below are up to date: choose again."
                : "Choose at most 5,000 cases and 5,000 attorneys.";
        }

        Id = null;
        return await LoadAsync(ct);
    }

    /// <summary>The manager's edit: for each case, the attorney chosen, or none to leave it unplaced.</summary>
    public async Task<IActionResult> OnPostEditAsync(Dictionary<Guid, Guid?>? choice, CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return RedirectToPage();
        }

        var placements = (choice ?? []).Where(c => c.Value is not null)
            .Select(c => new PlacementInput(c.Key, c.Value!.Value)).ToList();
        return await RunAsync(() => sender.Send(new EditProposalCommand(id, placements), ct), "Changes saved. Confirm when the pairs are right.", ct);
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return RedirectToPage();
        }

        return await RunAsync(() => sender.Send(new ConfirmProposalCommand(id), ct), "Placements confirmed: each placed case is now assigned to its attorney.", ct);
    }

    private async Task<IActionResult> RunAsync(Func<ValueTask<ProposalDto>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Manager/Placement?id={Id}");
        }
        catch (ValidationException)
        {
            ErrorMessage = "Each case can be placed with one attorney only.";
        }
        catch (BusinessRuleException ex)
        {
            ErrorMessage = ex.Rule switch
            {
                "ProposalNotReady" => "This proposal is still being worked out. Wait until it is ready.",
                "ProposalNotDraft" => "This proposal is already confirmed; it can no longer be changed.",
                "NoCapacityLeft" => "An attorney would get more cases than they have room for. Give some of the cases to another attorney.",
                "CasePlacedTwice" => "Each case can be placed with one attorney only.",
                "CaseNotOpen" or "CaseNotNeedingCounsel" => "A case in the proposal no longer needs counsel. Start a new proposal.",
                "CaseAlreadyAssigned" => "A case was assigned by someone else in the meantime. Start a new proposal.",
                "UnknownRepresentative" => "An attorney in the proposal is no longer in your organisation. Start a new proposal.",
                _ => "A chosen attorney cannot take that case (a requirement is not met or they have no capacity left). Choose another.",
            };
        }

        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var cases = await sender.Send(new ListIntakesQuery(CaseStatus.NeedsCounsel, 1, 200, "nextHearing"), ct);
        Cases = cases.Items;
        CasesTotal = cases.TotalCount;
        Representatives = (await sender.Send(new ListRepresentativesQuery(1, 200), ct)).Items;
        if (Id is not { } id)
        {
            return Page();
        }

        try
        {
            Proposal = await sender.Send(new GetProposalQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        if (Proposal.Status == ProposalStatus.Draft && Proposal.RunState == ProposalRunState.Done)
        {
            foreach (var caseId in Proposal.Placements.Select(p => p.CaseId).Concat(Proposal.UnplacedCaseIds).Take(RankedCasesLimit))
            {
                Rankings[caseId] = await sender.Send(new RankAttorneysQuery(caseId, false, 20), ct);
            }
        }

        return Page();
    }

    /// <summary>What the progress region polls while a proposal is solved in the background (see wwwroot/js/progress.js).</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        ProposalDto proposal;
        try
        {
            proposal = await sender.Send(new GetProposalQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            finished = proposal.RunState is ProposalRunState.Done or ProposalRunState.Failed,
            percent = (double?)proposal.ProgressPercent,
            values = new Dictionary<string, string>
            {
                ["state"] = localizer[RunStateLabel(proposal.RunState)].Value,
                ["percent"] = proposal.ProgressPercent.ToString(System.Globalization.CultureInfo.CurrentCulture) + " %",
            },
        });
    }

    public static string RunStateLabel(ProposalRunState state) => state switch
    {
        ProposalRunState.Queued => "Waiting to start",
        ProposalRunState.Running => "Working out the placement",
        ProposalRunState.Failed => "Failed",
        _ => "Ready",
    };

    /// <summary>The case's reference when it still needs counsel, otherwise the start of its id.</summary>
    public string CaseName(Guid id) => Cases.FirstOrDefault(c => c.Id == id)?.Reference ?? id.ToString()[..8];

    public string RepresentativeName(Guid id) => Representatives.FirstOrDefault(r => r.Id == id)?.DisplayName ?? id.ToString()[..8];
}
