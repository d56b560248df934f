using System.Globalization;
using CounselConnect.Application.Common;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.ListFailedReminders;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Manager;

/// <summary>
/// Reminders that exhausted their retries (the same rows as the API's failed-reminder list), a page at a time, each with its
/// error explained. Managers cannot open client files, so a row shows the case reference and no link.
/// </summary>
public sealed class RemindersModel(ISender sender) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ReminderDto> Failed { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Failed = await sender.Send(new ListFailedRemindersPageQuery(Math.Max(1, PageNumber), PageSize), ct);
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The query string of another page.</summary>
    public static string PageLink(int page) => "?pageNumber=" + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// What a failure code means, in English (the view translates it). The codes come from the channels
    /// (Infrastructure/Reminders/Channels), the dispatcher and the composer, and from catching up (<c>missed-*</c>).
    /// </summary>
    public static string Explain(string? code) => code switch
    {
        null => "No error was recorded.",
        "invalid-address" => "The email address is not a valid address.",
        "smtp-not-configured" or "twilio-not-configured" or "channel-not-configured" =>
            "Sending on this channel is not set up on the server: tell an administrator.",
        "twilio-unreachable" => "The text message service could not be reached or was busy, on every attempt.",
        "recipient-unknown" => "The attorney the reminder was for no longer has an account.",
        Domain.Reminders.Reminder.MissedEventPassed =>
            "The hearing or deadline had passed before the reminder could be sent (reminders were not being sent at the time).",
        Domain.Reminders.Reminder.MissedSuperseded =>
            "Not sent because a later reminder for the same hearing or deadline went out instead (reminders were not being sent for a while).",
        _ when code.StartsWith("compose-", StringComparison.Ordinal) =>
            "The message could not be put together (an error in the service): tell an administrator.",
        _ when code.StartsWith("smtp-5", StringComparison.Ordinal) =>
            "The recipient's mail server refused the address: it is probably wrong or no longer exists.",
        _ when code.StartsWith("smtp-4", StringComparison.Ordinal) =>
            "The recipient's mail server turned the message away for now (mailbox full or server busy), on every attempt.",
        _ when code.StartsWith("smtp-", StringComparison.Ordinal) =>
            "Our mail server could not be reached or did not accept our sign-in: tell an administrator.",
        _ when code.StartsWith("twilio-", StringComparison.Ordinal) => ExplainTwilio(code),
        _ => "Unknown error.",
    };

    /// <summary><c>twilio-{HTTP status}-{Twilio error code}</c>.</summary>
    private static string ExplainTwilio(string code)
    {
        var parts = code.Split('-');
        var status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var error = parts.Length > 2 ? parts[2] : string.Empty;
        return (status, error) switch
        {
            (_, "21610") => "The person replied STOP to our text messages: the number takes no more texts from us until they reply START.",
            (_, "21211" or "21614" or "21612" or "21408") => "The phone number cannot receive text messages from us: it is not a valid mobile number.",
            (401 or 403, _) => "The text message service refused our credentials: tell an administrator.",
            (429, _) or (>= 500, _) => "The text message service could not be reached or was busy, on every attempt.",
            _ => "The text message service refused the message.",
        };
    }
}
