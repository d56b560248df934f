using CounselConnect.Application.Common;
using CounselConnect.Application.Intake.ListIntakes;
using CounselConnect.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>The office's intake queue (same query as GET /api/v1/intakes).</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public CaseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<IntakeSummary> Result { get; private set; } = new([], 1, 25, 0);

    public string? SearchError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await sender.Send(new ListIntakesQuery(Status, Math.Max(1, PageNumber), 25, "-createdAt", Reference), ct);
        }
        catch (FluentValidation.ValidationException ex)
        {
            SearchError = ex.Errors.First().ErrorMessage;
            Result = await sender.Send(new ListIntakesQuery(Status, Math.Max(1, PageNumber), 25, "-createdAt"), ct);
        }
    }
}
