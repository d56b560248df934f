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
    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<UserSummary> Result { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(new ListUsersQuery(Math.Max(1, PageNumber), 50), ct);
        Response.Headers.CacheControl = "no-store";
    }
}
