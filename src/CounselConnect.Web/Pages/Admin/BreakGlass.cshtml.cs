using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Intake;
using CounselConnect.Application.Privacy.BreakGlass;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin;

/// <summary>
/// Break-glass access: an administrator names a case and says why, and may then read that client file until the
/// grant expires. Same commands as POST /api/v1/break-glass and GET /api/v1/break-glass/cases/{caseId}.
/// </summary>
public sealed class BreakGlassModel(ISender sender) : PageModel
{
    public const string NoGrantMessage = "You hold no live break-glass grant for this case. Request one below.";

    public const string UnknownCaseMessage = "No case of your organisation has this reference.";

    [BindProperty]
    public string? CaseReference { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int? Minutes { get; set; } = Domain.Cases.BreakGlassGrant.DefaultMinutes;

    /// <summary>The case to open (an id, not a person's identifier).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? CaseId { get; set; }

    public IntakeDto? ClientFile { get; private set; }

    public string? FileProblem { get; private set; }

    public PagedList<BreakGlassGrantDto> Grants { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (CaseId is { } id)
        {
            try
            {
                ClientFile = await sender.Send(new OpenBreakGlassCaseQuery(id), ct);
            }
            catch (NotFoundException)
            {
                FileProblem = NoGrantMessage;
            }
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A value the form could not read (minutes that are not a number) is shown at its field; nothing is granted.
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            var grant = await sender.Send(new RequestBreakGlassCommand(null, Reason, Minutes, CaseReference), ct);
            return RedirectToPage(new { caseId = grant.CaseId });
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var field = error.PropertyName switch
                {
                    nameof(RequestBreakGlassCommand.CaseId) or nameof(RequestBreakGlassCommand.CaseReference) => nameof(CaseReference),
                    nameof(RequestBreakGlassCommand.Minutes) => nameof(Minutes),
                    _ => nameof(Reason),
                };
                ModelState.AddModelError(field, MessageFor(field));
            }
        }
        catch (BusinessRuleException ex)
        {
            var field = ex.Rule == "BreakGlassDuration" ? nameof(Minutes) : nameof(Reason);
            ModelState.AddModelError(field, MessageFor(field));
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(nameof(CaseReference), UnknownCaseMessage);
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The page's own words for a field's problem (the view translates them; the application's messages carry numbers).</summary>
    private static string MessageFor(string field) => field switch
    {
        nameof(CaseReference) => "Enter the case's reference (up to 32 characters).",
        nameof(Minutes) => "Choose from 1 to 240 minutes.",
        _ => "Say why you need to open this client file, in 20 to 500 characters.",
    };

    private async Task LoadAsync(CancellationToken ct) =>
        Grants = await sender.Send(new ListBreakGlassGrantsQuery(1, 20), ct);
}
