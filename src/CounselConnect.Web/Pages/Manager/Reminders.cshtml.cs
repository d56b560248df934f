using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.ListFailedReminders;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Manager;

/// <summary>Reminders that exhausted their retries (same query as the API's failed-reminder list).</summary>
public sealed class RemindersModel(ISender sender) : PageModel
{
    public IReadOnlyList<ReminderDto> Failed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Failed = await sender.Send(new ListFailedRemindersQuery(200), ct);
        Response.Headers.CacheControl = "no-store";
    }
}
