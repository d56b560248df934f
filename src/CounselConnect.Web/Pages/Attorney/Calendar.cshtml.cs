using System.Globalization;
using CounselConnect.Application.Attorney.GetMyAgenda;
using CounselConnect.Application.Attorney.GetMyCalendarFeed;
using CounselConnect.Application.Calendars;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// The attorney's hearings and deadlines for one month, as a list by day, and the secret calendar link for Outlook
/// (same commands as POST/DELETE /api/v1/calendar/feed-link). The link is shown once, right after it is made.
/// </summary>
public sealed class CalendarModel(ISender sender, TimeProvider clock) : AttorneyPageModel
{
    public const string RevokedMessage = "Your calendar link no longer works. Calendars that used it stop updating.";

    /// <summary>The month shown, as yyyy-MM; this month when absent or not a month.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    public DateOnly First { get; private set; }

    public IReadOnlyList<AgendaItemDto> Items { get; private set; } = [];

    public CalendarFeedStatusDto Feed { get; private set; } = new(false, null);

    /// <summary>The full link, only in the answer to creating it.</summary>
    public string? NewFeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateFeedAsync(CancellationToken ct)
    {
        var link = await sender.Send(new CreateCalendarFeedCommand(), ct);
        NewFeedUrl = $"{Request.Scheme}://{Request.Host}{link.Path}";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken ct)
    {
        await sender.Send(new RevokeCalendarFeedCommand(), ct);
        TempData["Message"] = RevokedMessage;
        First = ShownMonth();
        return Redirect(MonthLink(0));
    }

    public string MonthLink(int offset) => "/Attorney/Calendar?month=" + First.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month asked for, or this month when none is asked or it cannot be shown: the month's end and the
    /// previous and next months' links must be dates too, so the first and last months of the calendar are not shown.</summary>
    private DateOnly ShownMonth()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            && month > DateOnly.MinValue.AddMonths(1) && month < DateOnly.MaxValue.AddMonths(-1)
            ? month
            : new DateOnly(today.Year, today.Month, 1);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        First = ShownMonth();
        Items = await sender.Send(new GetMyAgendaQuery(First, First.AddMonths(1).AddDays(-1)), ct);
        Feed = await sender.Send(new GetMyCalendarFeedQuery(), ct);
    }
}
