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
using CounselConnect.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>One intake: the person, the conflict check explained, a decision per match, accept or decline.</summary>
public sealed class DetailsModel(ISender sender, IStringLocalizer<DetailsModel> localizer) : PageModel
{
    public IntakeDto? Intake { get; private set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>The match whose decision form was posted and could not be recorded, with what was chosen and typed.</summary>
    public Guid? PostedMatchId { get; private set; }

    public MatchDecision? PostedDecision { get; private set; }

    public string? PostedReason { get; private set; }

    /// <summary>The decline reason typed when the decline could not be recorded.</summary>
    public string? PostedDeclineReason { get; private set; }

    /// <summary>Errors by the id of the field that shows them (<c>reason-{matchId}</c>, <c>decline-reason</c>).</summary>
    public ModelStateDictionary FieldErrors { get; } = new();

    public string? ErrorOf(string fieldId) =>
        FieldErrors.TryGetValue(fieldId, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid matchId, MatchDecision? decision, string? reason, CancellationToken ct)
    {
        (PostedMatchId, PostedDecision, PostedReason) = (matchId, decision, reason);
        return await RunAsync(id, () => sender.Send(new DecideConflictMatchCommand(id, matchId, decision, reason), ct), "Decision recorded.", ct,
            path => path.StartsWith("Reason") ? ($"reason-{matchId}", localizer["Reason (required for a conflict or a waiver)"].Value)
                : path.StartsWith("Decision") ? ($"decision-{matchId}", localizer["Your decision"].Value)
                : null);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new AcceptIntakeCommand(id), ct), "Intake accepted: the case now needs counsel.", ct);

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? reason, CancellationToken ct)
    {
        PostedDeclineReason = reason;
        return await RunAsync(id, () => sender.Send(new DeclineIntakeCommand(id, reason), ct), "Intake declined.", ct,
            path => path.StartsWith("Reason") ? ("decline-reason", localizer["Reason for declining"].Value) : null);
    }

    /// <param name="field">The form field (its id and label) that shows the error of a command's validation path; null for the top of the page.</param>
    private async Task<IActionResult> RunAsync(Guid id, Func<ValueTask<IntakeDto>> action, string done, CancellationToken ct,
        Func<ValidationPath, (string Id, string Label)?>? field = null)
    {
        try
        {
            await action();
            TempData["Message"] = localizer[done].Value;
            return Redirect($"/Intake/Details/{id}");
        }
        catch (ValidationException ex)
        {
            var general = new List<string>();
            foreach (var error in ex.Errors)
            {
                if (field?.Invoke(ValidationPath.Parse(error.PropertyName)) is { } at)
                {
                    Infrastructure.FieldErrors.Add(FieldErrors, error, at.Id, at.Label, localizer);
                }
                else
                {
                    general.Add(localizer[error.ErrorMessage].Value);
                }
            }

            ErrorMessage = general.Count == 0 ? null : string.Join(" ", general.Distinct());
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
