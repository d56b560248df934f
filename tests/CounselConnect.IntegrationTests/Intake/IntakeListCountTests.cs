using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Intake;

/// <summary>An intake list that counts only a few cases past the start of a page, so the demo data already exceeds it.</summary>
public sealed class SmallCountWindowFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["IntakeList:CountWindow"] = "3",
    };
}

/// <summary>
/// The intake list's total is exact up to a window past the requested page and "more than" beyond it, so a page
/// never counts every case an organisation has had; paging on past the window still reaches the end.
/// </summary>
public sealed class IntakeListCountTests(SmallCountWindowFactory factory) : IClassFixture<SmallCountWindowFactory>
{
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, int page, int pageSize)
    {
        using var response = await client.GetAsync($"/api/v1/intakes?page={page}&pageSize={pageSize}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    [Fact]
    public async Task The_total_is_a_lower_bound_past_the_window_and_exact_near_the_end()
    {
        using var client = await ClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await IntakeRequests.SubmitAsync(client, "Countwindow", $"Case{i}", "1990-01-0" + (i + 1));
        }

        // A page as large as the whole list counts all of it (the window is never smaller than the page).
        var all = await PageAsync(client, 1, 200);
        var total = all.GetProperty("totalCount").GetInt32();
        Assert.False(all.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.InRange(total, 5, 199);
        Assert.Equal(total, all.GetProperty("items").GetArrayLength());

        // A window of 3 is two whole pages of 2: the first page counts 4 cases and says "more than 4, more than 2 pages".
        var first = await PageAsync(client, 1, 2);
        Assert.True(first.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(4, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, first.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());

        var lastPage = (total + 1) / 2;
        var last = await PageAsync(client, lastPage, 2);
        Assert.False(last.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(total, last.GetProperty("totalCount").GetInt32());
        Assert.Equal(total - ((lastPage - 1) * 2), last.GetProperty("items").GetArrayLength());

        // Walking page by page from the first reaches every case once, in the list's order.
        var seen = new List<string>();
        for (var page = 1; page <= lastPage; page++)
        {
            seen.AddRange((await PageAsync(client, page, 2)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        }

        Assert.Equal(all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!), seen);
    }

    [Fact]
    public async Task A_page_number_too_large_to_page_to_is_a_field_error_not_a_failure()
    {
        using var client = await ClientAsync();
        using var response = await client.GetAsync("/api/v1/intakes?page=2000000000&pageSize=200");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _), problem.ToString());
    }
}
