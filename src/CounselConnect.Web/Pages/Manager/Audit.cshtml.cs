using CounselConnect.Application.Auditing.ListAuditEntries;
using CounselConnect.Application.Common;
using CounselConnect.Application.Privacy.BreakGlass;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Manager;

/// <summary>The organisation's audit trail for program managers and administrators (same query as GET /api/v1/audit).</summary>
[Authorize(Policy = Policies.AuditReaderPages)]
public sealed class AuditModel(ISender sender) : PageModel
{
    public const string InvalidFilter = "One of the filters is not valid: dates are written as yyyy-mm-dd.";

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    /// <summary>Only the entries about this case (who read or changed this client's file).</summary>
    [BindProperty(SupportsGet = true)]
    public string? CaseReference { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<AuditEntryDto> Result { get; private set; } = new([], 1, 50, 0);

    /// <summary>What is wrong with the filters, in English (the view translates each).</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The latest break-glass grants (administrators opening client files), shown above the trail.</summary>
    public PagedList<BreakGlassGrantDto> BreakGlassGrants { get; private set; } = new([], 1, 10, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        BreakGlassGrants = await sender.Send(new ListBreakGlassGrantsQuery(1, 10), ct);
        if (!ModelState.IsValid)
        {
            Problems = [InvalidFilter];
            return;
        }

        try
        {
            Result = await sender.Send(new ListAuditEntriesQuery(Math.Max(1, PageNumber), 50, From, To, Actor, ActionName, Category, CaseReference), ct);
        }
        catch (FluentValidation.ValidationException ex)
        {
            Problems = [.. ex.Errors.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>The query string of the current filters with another page number.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["actor"] = Actor,
        ["action"] = ActionName,
        ["category"] = Category,
        ["caseReference"] = CaseReference,
        ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
