using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// A list's query values out of their range are a 400 ProblemDetails whose <c>errors</c> name the parameter as the
/// client sent it, never an answer for other values (page 1 for a page past the end, a clamped limit); enum filters
/// take the values the API writes (snake_case).
/// </summary>
public abstract class ListInputTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private async Task<HttpClient> PersonAsync(string user)
    {
        var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        return factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    private async Task<HttpClient> CallerAsync(string user) => user == "client" ? await ClientAsync() : await PersonAsync(user);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The keys of the problem's <c>errors</c>.</summary>
    private static List<string> ErrorKeys(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)];

    [Theory]
    [InlineData("manager", "/api/v1/representatives?page=2147483647&pageSize=200")]
    [InlineData("manager", "/api/v1/representatives?page=1000001")]
    [InlineData("attorney", "/api/v1/opportunities?page=2147483647&pageSize=200")]
    [InlineData("client", "/api/v1/admin/users?page=2147483647&pageSize=200")]
    [InlineData("attorney", "/api/v1/me/inbox?page=2147483647&pageSize=100")]
    public async Task A_page_number_past_the_highest_is_a_400_on_page_not_the_first_page(string user, string uri)
    {
        using var http = await CallerAsync(user);

        using var response = await http.GetAsync(uri);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["page"], ErrorKeys(problem));
        Assert.Contains("1000000", problem.GetProperty("errors").GetProperty("page")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manager", "/api/v1/representatives?page=1000000&pageSize=200")]
    [InlineData("attorney", "/api/v1/opportunities?page=1000000&pageSize=200")]
    [InlineData("client", "/api/v1/admin/users?page=1000000&pageSize=200")]
    [InlineData("attorney", "/api/v1/me/inbox?page=1000000&pageSize=100")]
    public async Task The_highest_page_number_answers_that_page_empty(string user, string uri)
    {
        using var http = await CallerAsync(user);

        var page = await http.GetFromJsonAsync<JsonElement>(uri);

        Assert.Equal(1_000_000, page.GetProperty("page").GetInt32());
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task The_intake_queue_filters_by_the_snake_case_status_the_API_writes()
    {
        using var client = await ClientAsync();
        var declinedView = await IntakeRequests.SubmitForViewAsync(client, "Rechazo", "Prueba" + Unique(), "1980-04-05");
        var declinedId = declinedView.GetProperty("id").GetGuid();
        using (var declined = await client.PostAsJsonAsync($"/api/v1/intakes/{declinedId}/decline", new { reason = "Outside our service area" }))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }

        var openView = await IntakeRequests.SubmitForViewAsync(client, "Abierto", "Prueba" + Unique(), "1981-05-06");
        await IntakeRequests.AcceptAsync(client, openView);

        var declinedPage = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/intakes?status=declined&pageSize=200&reference={declinedView.GetProperty("reference").GetString()}");
        var needsCounselPage = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/intakes?status=needs_counsel&pageSize=200&reference={openView.GetProperty("reference").GetString()}");
        var pascalCasePage = await client.GetFromJsonAsync<JsonElement>("/api/v1/intakes?status=NeedsCounsel&pageSize=5");

        Assert.Equal(declinedId, Assert.Single(declinedPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(openView.GetProperty("id").GetGuid(), Assert.Single(needsCounselPage.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.All(pascalCasePage.GetProperty("items").EnumerateArray(), i => Assert.Equal("needs_counsel", i.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("needs-counsel")]
    [InlineData("99")]
    public async Task An_unknown_intake_status_is_a_400_on_status_naming_the_values(string status)
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync($"/api/v1/intakes?status={status}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["status"], ErrorKeys(problem));
        var message = problem.GetProperty("errors").GetProperty("status")[0].GetString();
        Assert.Contains("needs_counsel", message, StringComparison.Ordinal);
        Assert.Contains("declined", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("100000")]
    public async Task A_ranking_limit_out_of_range_is_a_400_on_limit_stating_the_range(string limit)
    {
        using var client = await ClientAsync();
        var view = await IntakeRequests.SubmitForViewAsync(client, "Límite", "Prueba" + Unique(), "1982-06-07");
        await IntakeRequests.AcceptAsync(client, view);
        var caseId = view.GetProperty("id").GetGuid();
        using var manager = await PersonAsync("manager");
        using (var unlimited = await manager.GetAsync($"/api/v1/cases/{caseId}/attorney-matches"))
        {
            Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        }

        using var response = await manager.GetAsync($"/api/v1/cases/{caseId}/attorney-matches?limit={limit}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["limit"], ErrorKeys(problem));
        var message = problem.GetProperty("errors").GetProperty("limit")[0].GetString();
        Assert.Contains("1", message, StringComparison.Ordinal);
        Assert.Contains("500", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task A_failed_reminders_limit_out_of_range_is_a_400_on_limit_stating_the_range(string limit)
    {
        using var manager = await PersonAsync("manager");
        using (var unlimited = await manager.GetAsync("/api/v1/reminders/failed"))
        {
            Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
        }

        using var response = await manager.GetAsync($"/api/v1/reminders/failed?limit={limit}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["limit"], ErrorKeys(problem));
        Assert.Contains("1000", problem.GetProperty("errors").GetProperty("limit")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("court")]
    [InlineData("language")]
    public async Task A_representatives_filter_longer_than_any_code_is_a_400_on_that_filter(string filter)
    {
        using var manager = await PersonAsync("manager");

        using var response = await manager.GetAsync($"/api/v1/representatives?{filter}={new string('N', 2000)}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([filter], ErrorKeys(problem));
    }
}

public sealed class SqliteListInputTests(SqliteFactory factory) : ListInputTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresListInputTests(PostgresFactory factory) : ListInputTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
