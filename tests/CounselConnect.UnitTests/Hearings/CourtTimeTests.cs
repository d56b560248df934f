using System.Text.Encodings.Web;
using CounselConnect.Web.Pages.Shared;
using Microsoft.AspNetCore.Html;

namespace CounselConnect.UnitTests.Hearings;

/// <summary>How the pages show a hearing's time: the court's local time with its zone named, or UTC labelled so.</summary>
public sealed class CourtTimeTests
{
    private static readonly DateTime NineInNewYork = new(2027, 3, 1, 14, 0, 0, DateTimeKind.Utc);

    private static string Render(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void A_hearing_with_its_court_zone_is_shown_in_the_court_local_time_with_the_zone_named()
    {
        var html = Render(CourtTime.FromUtc(NineInNewYork, "America/New_York", "yyyy-MM-dd HH:mm"));

        Assert.Equal("<time datetime=\"2027-03-01T09:00:00\">2027-03-01 09:00</time> <span class=\"hint\">(America/New_York)</span>", html);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void A_hearing_without_a_known_zone_is_shown_in_utc_labelled_utc(string? zone)
    {
        var html = Render(CourtTime.FromUtc(NineInNewYork, zone, "yyyy-MM-dd HH:mm"));

        Assert.Equal("<time datetime=\"2027-03-01T14:00:00Z\">2027-03-01 14:00</time> <span class=\"hint\">(UTC)</span>", html);
    }

    [Fact]
    public void A_time_already_in_the_court_zone_is_shown_as_it_is()
    {
        var html = Render(CourtTime.Show(new DateTime(2027, 3, 1, 9, 0, 0), "America/Chicago", "HH:mm"));

        Assert.Equal("<time datetime=\"2027-03-01T09:00:00\">09:00</time> <span class=\"hint\">(America/Chicago)</span>", html);
    }
}
