using CounselConnect.Application.Common;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Inbox;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// The attorney's inbox: cases matching their profile that became open to counsel, anonymised (step 1 facts only),
/// newest first; marking one read; a link to the board where the case can be picked up.
/// </summary>
public sealed class InboxModel(ISender sender) : AttorneyPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public InboxPageDto Inbox { get; private set; } = new([], 1, PageSize, 0, 0);

    public int PageCount => Math.Max(1, (Inbox.TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Inbox = await sender.Send(new ListMyInboxQuery(Math.Clamp(PageNumber, 1, Paging.MaxPage), PageSize), ct);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new MarkInboxItemReadCommand(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return Redirect($"/Attorney/Inbox?pageNumber={Math.Clamp(PageNumber, 1, Paging.MaxPage)}");
    }
}
