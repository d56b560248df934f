using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Intake;
using CounselConnect.Application.Intake.AcceptIntake;
using CounselConnect.Application.Intake.DecideConflictMatch;
using CounselConnect.Application.Intake.DeclineIntake;
using CounselConnect.Application.Intake.GetIntake;
using CounselConnect.Domain.Common;
using CounselConnect.Domain.Conflicts;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>One intake: the person, the conflict check explained, a decision per match, accept or decline.</summary>
public sealed class DetailsModel(ISender sender, IStringLocalizer<DetailsModel> localizer) : PageModel
{
    public IntakeDto? Intake { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid matchId, MatchDecision? decision, string? reason, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new DecideConflictMatchCommand(id, matchId, decision, reason), ct), "Decision recorded.", ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new AcceptIntakeCommand(id), ct), "Intake accepted: the case now needs counsel.", ct);

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? reason, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new DeclineIntakeCommand(id, reason), ct), "Intake declined.", ct);

    private async Task<IActionResult> RunAsync(Guid id, Func<ValueTask<IntakeDto>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = localizer[done].Value;
            return Redirect($"/Intake/Details/{id}");
        }
        catch (ValidationException ex)
        {
            ErrorMessage = string.Join(" ", ex.Errors.Select(e => localizer[e.ErrorMessage].Value).Distinct());
        }
        catch (BusinessRuleException ex)
        {
            ErrorMessage = localizer[ex.Message].Value;
        }

        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Intake = await sender.Send(new GetIntakeQuery(id), ct);
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}
