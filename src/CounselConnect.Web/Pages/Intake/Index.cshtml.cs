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

    /// <summary>One of <see cref="ListIntakesValidator.Sorts"/> (as the API takes it); anything else is newest first, and said (<see cref="UnknownSort"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public string ActiveSort => Sort is not null && ListIntakesValidator.Sorts.Contains(Sort) ? Sort : "-createdAt";

    /// <summary>
    /// True when the address asks for an order the queue does not know: the page lists it newest first and says so,
    /// naming the orders there are (the value asked for is not repeated).
    /// </summary>
    public bool UnknownSort => !string.IsNullOrEmpty(Sort) && Sort != ActiveSort;

    /// <summary>True when the page asked for lies past the last one of a queue that is not empty.</summary>
    public bool PastTheEnd => Result.Items.Count == 0 && Result.TotalCount > 0 && Result.Page > 1;

    /// <summary>The query of a link to another page or order of the queue, keeping the filters (the tag helper URL-encodes them).</summary>
    public Dictionary<string, string?> Route(int? page = null, string? sort = null) => new()
    {
        ["pageNumber"] = (page ?? Result.Page).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString(),
        ["reference"] = string.IsNullOrWhiteSpace(Reference) ? null : Reference,
        ["sort"] = (sort ?? ActiveSort) == "-createdAt" ? null : sort ?? ActiveSort,
    };

    public PagedList<IntakeSummary> Result { get; private set; } = new([], 1, 25, 0);

    public string? SearchError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await sender.Send(new ListIntakesQuery(Status, Math.Max(1, PageNumber), 25, ActiveSort, Reference), ct);
        }
        catch (FluentValidation.ValidationException ex)
        {
            SearchError = ex.Errors.First().ErrorMessage;
            Result = await sender.Send(new ListIntakesQuery(Status, Math.Max(1, PageNumber), 25, ActiveSort), ct);
        }
    }
}
