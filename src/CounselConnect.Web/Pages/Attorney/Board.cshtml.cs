using CounselConnect.Application.Common;
using CounselConnect.Application.Opportunities.ListOpportunities;
using CounselConnect.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>Step 1 of taking a case: the anonymised board of cases needing counsel (same query as GET /api/v1/opportunities).</summary>
public sealed class BoardModel(ISender sender) : AttorneyPageModel
{
    public const int PageSize = 20;

    /// <summary>The status message the pickup leaves here when the case is no longer open.</summary>
    public const string GoneMessage = "That case is no longer waiting for counsel. Someone else may have taken it.";

    public static readonly (string Value, string Label)[] Sorts =
    [
        ("urgency", "Soonest hearing first"),
        ("-urgency", "Latest hearing first"),
        ("oldest", "Waiting longest first"),
        ("newest", "Newest first"),
        ("hours", "Least work first"),
        ("-hours", "Most work first"),
    ];

    [BindProperty(SupportsGet = true)]
    public string? Court { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    [BindProperty(SupportsGet = true)]
    public ReliefType? Relief { get; set; }

    [BindProperty(SupportsGet = true)]
    public CustodyStatus? Custody { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>Not "page": Razor Pages route values already use that name for the page's path.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PagedList<OpportunityDto> Result { get; private set; } = new([], 1, PageSize, 0);

    public bool Filtered => !string.IsNullOrWhiteSpace(Court) || !string.IsNullOrWhiteSpace(Language) || Relief is not null || Custody is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!ModelState.IsValid)
        {
            return;
        }

        await TrySendAsync(
            async () => Result = await sender.Send(
                new ListOpportunitiesQuery(Court, Language, Relief, Custody, Sort ?? "urgency", Math.Max(1, PageNumber), PageSize), ct),
            p => p,
            p => p switch
            {
                nameof(Court) => "Use the court's code of up to 16 letters, e.g. NYC.",
                nameof(Language) => "Use a three-letter language code, e.g. spa.",
                nameof(Sort) => "Choose one of the listed orders.",
                _ => null,
            },
            new Dictionary<string, (string Field, string Message)>());
    }

    /// <summary>The query string of this page with one value changed, for the pager.</summary>
    public string Link(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["court"] = Court,
        ["language"] = Language,
        ["relief"] = Relief?.ToString(),
        ["custody"] = Custody?.ToString(),
        ["sort"] = Sort,
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
