using System.Net;
using System.Text.RegularExpressions;
using CounselConnect.Domain.Representatives;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Matching;

/// <summary>
/// The attorney's profile form (<c>/Attorney/Profile</c>) applies the same rules as the API: a bar state that is not a US
/// state or territory, a court code that is not 2 to 8 letters or digits, or an EOIR ID that is not letters and digits is
/// shown at its field, what was typed stays in the form, and nothing is saved.
/// </summary>
public sealed class ProfileFormTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private Task<HttpClient> SignedInAsync() =>
        AuthorizationCodeFlow.SignInToPagesAsync(factory, $"attorney@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);

    private async Task<List<RepresentativeProfile>> ProfilesAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<RepresentativeProfile>().AsNoTracking().ToListAsync();
    }

    private static List<KeyValuePair<string, string>> Fields(string form) =>
    [
        new("Form.DisplayName", "Profile Form Attorney"),
        new("Form.Kind", "Attorney"),
        new("Form.BarAdmissions[0].State", "NY"),
        new("Form.BarAdmissions[0].Number", "1234567"),
        new("Form.BarAdmissions[0].GoodStanding", "true"),
        new("Form.EoirId", "AB123456"),
        new("Form.Languages[0].Code", "spa"),
        new("Form.Courts", "NYC, NWK"),
        new("Form.NonDetainedDocket", "true"),
        new("Form.MaxActiveCases", "3"),
        new("Form.HoursPerMonth", "10"),
        new("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(form)),
    ];

    [Theory]
    [InlineData("Form.BarAdmissions[0].State", "N1", "bar-error", "value=\"N1\"")]
    [InlineData("Form.Courts", "N Y C!", "courts-error", "value=\"N Y C!\"")]
    [InlineData("Form.EoirId", "<script>", "eoir-id-error", "value=\"&lt;script&gt;\"")]
    public async Task A_bad_value_is_shown_at_its_field_the_typed_value_is_kept_and_nothing_is_saved(string field, string value, string errorId, string kept)
    {
        using var browser = await SignedInAsync();
        var form = await browser.GetStringAsync("/Attorney/Profile");
        var fields = Fields(form);
        fields.RemoveAll(f => f.Key == field);
        fields.Add(new(field, value));
        var before = await ProfilesAsync();

        using var posted = await browser.PostAsync("/Attorney/Profile", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Matches($"id=\"{Regex.Escape(errorId)}\" class=\"error\">[^<]+<", html);
        Assert.Contains(kept, html, StringComparison.Ordinal);
        var after = await ProfilesAsync();
        Assert.Equal(before.Select(p => (p.Id, p.Revision)), after.Select(p => (p.Id, p.Revision)));
    }

    [Fact]
    public async Task Good_values_are_saved()
    {
        using var browser = await SignedInAsync();
        var form = await browser.GetStringAsync("/Attorney/Profile");

        using var posted = await browser.PostAsync("/Attorney/Profile", new FormUrlEncodedContent(Fields(form)));

        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var saved = Assert.Single(await ProfilesAsync(), p => p.DisplayName == "Profile Form Attorney");
        Assert.Equal(["NYC", "NWK"], saved.Courts);
        Assert.Equal("AB123456", saved.EoirId);
    }
}
