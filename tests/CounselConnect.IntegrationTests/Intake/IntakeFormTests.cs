using System.Net;
using CounselConnect.Domain.Cases;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>
/// The intake form (<c>/Intake/New</c>) keeps what it could not read: a value the page cannot bind, or a court time zone
/// the server does not know, is shown at its field and nothing is saved without it.
/// </summary>
public sealed class IntakeFormTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private Task<HttpClient> SignedInAsync() =>
        AuthorizationCodeFlow.SignInToPagesAsync(factory, $"intake@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

    private async Task<int> CasesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Case>().CountAsync();
    }

    [Theory]
    [InlineData("Form.NextHearingAt", "15/01/2031 09:00", "Form.NextHearingAt")]
    [InlineData("Form.ReliefSought", "Banana", "Form.ReliefSought")]
    [InlineData("Form.CourtTimeZone", "Mars/Base", "Form.CourtTimeZone")]
    public async Task A_value_the_form_cannot_use_is_shown_at_its_field_and_nothing_is_saved(string field, string value, string shownAt)
    {
        using var browser = await SignedInAsync();
        var form = await browser.GetStringAsync("/Intake/New");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Form.GivenNames", "Formulario"),
            new("Form.FamilyName", "Prueba" + Guid.NewGuid().ToString("N")[..6]),
            new("Form.Custody", "Detained"),
            new("Form.CourtCode", "NYC"),
            new("Form.NextHearingAt", "2031-01-15T09:00"),
            new("Form.CourtTimeZone", "America/Chicago"),
            new("Form.NextHearingType", "MasterCalendar"),
            new("Form.PrimaryLanguage", "spa"),
            new("Form.ReliefSought", "Asylum"),
            new("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(form)),
        };
        fields.RemoveAll(f => f.Key == field && field != "Form.ReliefSought");
        fields.Add(new(field, value));
        var before = await CasesAsync();

        using var posted = await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Matches($"data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(shownAt)}\"[^>]*>[^<]+<", html);
        Assert.Equal(before, await CasesAsync());
    }

    /// <summary>Posts a valid intake form with some fields replaced (a null value leaves the field out).</summary>
    private static async Task<HttpResponseMessage> PostIntakeAsync(HttpClient browser, params (string Field, string? Value)[] changes)
    {
        var form = await browser.GetStringAsync("/Intake/New");
        var fields = new Dictionary<string, string>
        {
            ["Form.GivenNames"] = "Formulario",
            ["Form.FamilyName"] = "Prueba" + Guid.NewGuid().ToString("N")[..6],
            ["Form.Custody"] = "Detained",
            ["Form.CourtCode"] = "NYC",
            ["Form.PrimaryLanguage"] = "spa",
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        };
        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                fields.Remove(field);
            }
            else
            {
                fields[field] = value;
            }
        }

        return await browser.PostAsync("/Intake/New", new FormUrlEncodedContent(fields));
    }

    /// <summary>The text of the error shown at one field (its <c>data-valmsg-for</c> span), or null when there is none.</summary>
    private static string? ErrorAt(string html, string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html,
            $"<span[^>]*data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>([^<]+)<");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [Fact]
    public async Task A_person_without_any_name_is_told_so_at_the_family_name_field()
    {
        using var browser = await SignedInAsync();
        var before = await CasesAsync();

        using var posted = await PostIntakeAsync(browser, ("Form.GivenNames", null), ("Form.FamilyName", null));

        var html = await posted.Content.ReadAsStringAsync();
        Assert.Equal("Give at least a family name or a given name.", ErrorAt(html, "Form.FamilyName"));
        Assert.Equal(before, await CasesAsync());
    }

    [Theory]
    [InlineData("Form.FamilyName", "Family name")]
    [InlineData("Form.SecondFamilyName", "Second family name (if any)")]
    public async Task A_family_name_too_long_is_told_at_its_field_with_the_fields_label(string field, string label)
    {
        using var browser = await SignedInAsync();

        using var posted = await PostIntakeAsync(browser, (field, new string('x', 101)));

        var html = await posted.Content.ReadAsStringAsync();
        var error = ErrorAt(html, field);
        Assert.NotNull(error);
        Assert.Contains($"“{label}”", error, StringComparison.Ordinal);
        Assert.Contains("100", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Family Names", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_related_person_without_a_relationship_is_told_at_that_persons_relationship_field()
    {
        using var browser = await SignedInAsync();
        var before = await CasesAsync();

        // The first row is left empty (a browser sends its fields empty), so the command's first related party is the
        // form's second row.
        using var posted = await PostIntakeAsync(browser,
            ("Form.Related[0].GivenNames", string.Empty), ("Form.Related[0].FamilyName", string.Empty), ("Form.Related[0].Relationship", string.Empty),
            ("Form.Related[1].GivenNames", "Rosa"), ("Form.Related[1].FamilyName", "Prueba"), ("Form.Related[1].Relationship", string.Empty));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        var error = ErrorAt(html, "Form.Related[1].Relationship");
        Assert.NotNull(error);
        Assert.Contains("Person 2: relationship", error, StringComparison.Ordinal);
        Assert.DoesNotContain("'Relationship'", html, StringComparison.Ordinal);
        Assert.Null(ErrorAt(html, "Form.Related"));
        Assert.Null(ErrorAt(html, "Form.Related[0].Relationship"));
        // The select names its error for assistive technology.
        Assert.Matches("<select[^>]*id=\"related-1-relationship\"[^>]*aria-describedby=\"related-1-relationship-error\"", html);
        Assert.Matches("id=\"related-1-relationship-error\"", html);
        Assert.Equal(before, await CasesAsync());
    }

    [Fact]
    public async Task Phone_screening_tells_each_problem_at_its_field_with_the_fields_label()
    {
        using var browser = await SignedInAsync();
        var form = await browser.GetStringAsync("/Intake/Check");
        using var posted = await browser.PostAsync("/Intake/Check", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.GivenNames"] = "Llamada",
            ["Form.FamilyName"] = "Prueba",
            ["Form.SecondFamilyName"] = new string('x', 101),
            ["Form.Related[0].GivenNames"] = string.Empty,
            ["Form.Related[0].FamilyName"] = string.Empty,
            ["Form.Related[0].Relationship"] = string.Empty,
            ["Form.Related[1].GivenNames"] = "Rosa",
            ["Form.Related[1].FamilyName"] = "Prueba",
            ["Form.Related[1].Relationship"] = string.Empty,
            ["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(form),
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        // The second family name is the command's second family name; the related person is the form's second row.
        Assert.Contains("Second family name", ErrorAt(html, "Form.SecondFamilyName") ?? "(none)", StringComparison.Ordinal);
        Assert.Null(ErrorAt(html, "Form.FamilyName"));
        Assert.Contains("Person 2: relationship", ErrorAt(html, "Form.Related[1].Relationship") ?? "(none)", StringComparison.Ordinal);
        Assert.Null(ErrorAt(html, "Form.Related"));
        Assert.DoesNotContain("'Relationship'", html, StringComparison.Ordinal);
        Assert.Matches("<select[^>]*id=\"related-1-relationship\"[^>]*aria-describedby=\"related-1-relationship-error\"", html);
    }

    [Fact]
    public async Task A_record_that_is_not_there_gets_a_not_found_page_in_the_site_layout_and_the_api_keeps_problem_details()
    {
        using var browser = await SignedInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/Intake/Details/{Guid.NewGuid()}");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"); // as a browser asks
        using var page = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.True(page.Content.Headers.ContentType?.MediaType == "text/html", await page.Content.ReadAsStringAsync());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("We could not find that page", html, StringComparison.Ordinal);
        Assert.Contains("<nav", html, StringComparison.Ordinal);

        using var api = await browser.GetAsync($"/api/v1/intakes/{Guid.NewGuid()}");
        Assert.NotEqual("text/html", api.Content.Headers.ContentType?.MediaType);
    }
}
