using CounselConnect.Application.Administration.Users;
using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Interfaces;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin.Users;

/// <summary>The organisation's accounts (same query as GET /api/v1/admin/users).</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    /// <summary>Not "page": Razor Pages keeps that route value for the page's own path, so it would never bind.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<UserSummary> Result { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(new ListUsersQuery(Math.Clamp(PageNumber, 1, Paging.MaxPage), 50), ct);
        Response.Headers.CacheControl = "no-store";
    }
}
