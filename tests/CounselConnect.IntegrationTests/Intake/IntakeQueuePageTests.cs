using System.Net;
using System.Text.RegularExpressions;
using CounselConnect.Application.Intake.ListIntakes;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>The intake queue (<c>/Intake</c>): paging past the end, links that keep the search, sorting from the page, an unknown order.</summary>
public sealed class IntakeQueuePageTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private async Task<HttpClient> SignedInWithIntakesAsync()
    {
        var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        for (var i = 0; i < 2; i++)
        {
            var form = await browser.GetStringAsync("/Intake/New");
            using var posted = await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.GivenNames"] = "Cola",
                ["Form.FamilyName"] = "Cola" + Guid.NewGuid().ToString("N")[..6],
                ["Form.Custody"] = "Released",
                ["Form.CourtCode"] = "NYC",
                ["Form.PrimaryLanguage"] = "spa",
                ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
            }));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        return browser;
    }

    private static List<string> Links(string html) =>
        [.. Regex.Matches(html, "<a[^>]*href=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [Fact]
    public async Task A_page_past_the_end_says_so_and_links_back_to_the_last_and_first_pages()
    {
        using var browser = await SignedInWithIntakesAsync();

        var html = await browser.GetStringAsync("/Intake?pageNumber=99");

        Assert.DoesNotContain("No intakes here yet", html, StringComparison.Ordinal);
        Assert.Contains("Page 99 is past the end of the queue", html, StringComparison.Ordinal);
        var pages = Links(html).Where(l => l.Contains("pageNumber=", StringComparison.Ordinal))
            .Select(l => QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), l).Query)["pageNumber"].ToString()).ToList();
        Assert.Contains("1", pages);
        Assert.DoesNotContain("99", pages);
    }

    [Fact]
    public async Task Links_of_the_queue_carry_the_search_and_the_sort_url_encoded()
    {
        using var browser = await SignedInWithIntakesAsync();

        var html = await browser.GetStringAsync("/Intake?pageNumber=99&sort=reference&reference=" + Uri.EscapeDataString("zz&status=Closed"));

        var back = Links(html).Where(l => l.Contains("pageNumber=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(back);
        foreach (var link in back)
        {
            var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), link).Query);
            Assert.Equal("zz&status=Closed", query["reference"].ToString());
            Assert.False(query.ContainsKey("status") && query["status"] == "Closed", link);
            Assert.Equal("reference", query["sort"].ToString());
        }
    }

    [Fact]
    public async Task The_queue_sorts_by_reference_from_its_column_header()
    {
        using var browser = await SignedInWithIntakesAsync();

        var html = await browser.GetStringAsync("/Intake?sort=reference");

        Assert.Matches("<th[^>]*aria-sort=\"ascending\"[^>]*>\\s*<a[^>]*>[^<]*Reference", html);
        var references = Regex.Matches(html, "<a href=\"/Intake/Details/[^\"]+\">([^<]+)</a>").Select(m => m.Groups[1].Value).ToList();
        Assert.True(references.Count >= 2);
        Assert.Equal(references.Order(StringComparer.Ordinal), references);
        // The header offers the other direction, and the other sortable columns.
        var sorts = Links(html).Where(l => l.Contains("sort=", StringComparison.Ordinal))
            .Select(l => QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), l).Query)["sort"].ToString()).ToList();
        Assert.Contains("-reference", sorts);
        Assert.Contains("nextHearing", sorts);
    }

    [Fact]
    public async Task An_unknown_sort_is_said_with_the_orders_there_are_and_the_queue_is_listed_newest_first()
    {
        using var browser = await SignedInWithIntakesAsync();
        var newestFirst = await browser.GetStringAsync("/Intake");

        using var response = await browser.GetAsync("/Intake?sort=name");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var alert = Regex.Match(html, "<p[^>]*role=\"alert\"[^>]*>([^<]*)</p>");
        Assert.True(alert.Success, "No alert on the page");
        Assert.Contains("newest first", alert.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", ListIntakesValidator.Sorts), alert.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("name", alert.Groups[1].Value, StringComparison.Ordinal);
        // The same rows as the default order, whose column says so; no link carries the unknown value on.
        Assert.Equal(References(newestFirst), References(html));
        Assert.Matches("<th[^>]*aria-sort=\"descending\"[^>]*>\\s*<a[^>]*>[^<]*Recorded", html);
        Assert.DoesNotContain(Links(html), l => l.Contains("sort=name", StringComparison.Ordinal));

        // A known order says nothing.
        Assert.DoesNotContain("role=\"alert\"", await browser.GetStringAsync("/Intake?sort=-reference"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Spanish_an_unknown_sort_is_said_in_Spanish()
    {
        using var browser = await SignedInWithIntakesAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync("/Intake?sort=Reference"));

        var alert = Regex.Match(html, "<p[^>]*role=\"alert\"[^>]*>([^<]*)</p>");
        Assert.True(alert.Success, "No alert on the page");
        Assert.Contains("más reciente", alert.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", ListIntakesValidator.Sorts), alert.Groups[1].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("newest first", html, StringComparison.Ordinal);
    }

    private static List<string> References(string html) =>
        [.. Regex.Matches(html, "<a href=\"/Intake/Details/[^\"]+\">([^<]+)</a>").Select(m => m.Groups[1].Value)];
}
