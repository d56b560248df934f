using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace CounselConnect.Web.Pages.Shared;

/// <summary>
/// A hearing's time as the pages show it: the court's wall-clock time in the page's culture inside a
/// <c>&lt;time&gt;</c> element, followed by the court's IANA zone as a hint, e.g.
/// <c>Monday, March 1, 2027 9:00 AM (America/New_York)</c>. A time whose zone is not known (older cases without a
/// hearing record) is shown in UTC and labelled <c>(UTC)</c>, never passed off as the court's time.
/// </summary>
public static class CourtTime
{
    public const string Utc = "UTC";

    /// <summary>A time already converted to the court's zone (<paramref name="localDateTime"/> is its wall-clock time).</summary>
    public static IHtmlContent Show(DateTime localDateTime, string timeZone, string format = "f") =>
        Html(localDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), localDateTime, timeZone, format);

    /// <summary>
    /// A UTC instant in the court's zone <paramref name="timeZoneId"/>; in UTC, labelled so, when the zone is absent
    /// or not known to this machine.
    /// </summary>
    public static IHtmlContent FromUtc(DateTime utc, string? timeZoneId, string format = "f")
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return Show(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), timeZoneId, format);
        }

        return Html(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), utc, Utc, format);
    }

    private static HtmlContentBuilder Html(string machineReadable, DateTime shown, string zone, string format)
    {
        var html = new HtmlContentBuilder(7);
        html.AppendHtml("<time datetime=\"");
        html.Append(machineReadable);
        html.AppendHtml("\">");
        html.Append(shown.ToString(format, CultureInfo.CurrentCulture));
        html.AppendHtml("</time> <span class=\"hint\">(");
        html.Append(zone);
        html.AppendHtml(")</span>");
        return html;
    }
}
