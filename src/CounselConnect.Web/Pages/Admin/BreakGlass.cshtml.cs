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
                FileProblem = "You hold no live break-glass grant for this case. Request one below.";
            }
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var grant = await sender.Send(new RequestBreakGlassCommand(null, Reason, Minutes, CaseReference), ct);
            return RedirectToPage(new { caseId = grant.CaseId });
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(error.PropertyName == nameof(RequestBreakGlassCommand.CaseId) ? nameof(CaseReference) : error.PropertyName,
                    error.ErrorMessage);
            }
        }
        catch (BusinessRuleException ex)
        {
            ModelState.AddModelError(nameof(Reason), ex.Message);
        }
        catch (NotFoundException)
        {
            ModelState.AddModelError(nameof(CaseReference), "No case of your organisation has this reference.");
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Grants = await sender.Send(new ListBreakGlassGrantsQuery(1, 20), ct);
}
