using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CounselConnect.IntegrationTests.Support;

/// <summary>A minimal valid intake (detained, NYC, Spanish, asylum) for tests that need a real case with a client.</summary>
public static class IntakeRequests
{
    /// <summary>Submits the intake and returns the new case's id (asserting 201).</summary>
    public static async Task<Guid> SubmitAsync(HttpClient http, string givenNames, string familyNames, string dateOfBirth, string? aNumber = null) =>
        (await SubmitForViewAsync(http, givenNames, familyNames, dateOfBirth, aNumber)).GetProperty("id").GetGuid();

    /// <summary>Submits the intake and returns the intake view the service answered with (asserting 201).</summary>
    public static async Task<JsonElement> SubmitForViewAsync(
        HttpClient http, string givenNames, string familyNames, string dateOfBirth, string? aNumber = null, string custody = "detained")
    {
        using var created = await http.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames, familyNames, aliases = Array.Empty<string>(), dateOfBirth, aNumber },
            relatedParties = Array.Empty<object>(),
            custody,
            courtCode = "NYC",
            primaryLanguage = "spa",
            languages = Array.Empty<object>(),
            reliefSought = new[] { "asylum" },
        });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Accepts a submitted intake (asserting 200): every match its conflict check found is first decided "no conflict",
    /// as staff would after looking at them.
    /// </summary>
    public static async Task AcceptAsync(HttpClient http, JsonElement intake)
    {
        var id = intake.GetProperty("id").GetGuid();
        if (intake.TryGetProperty("conflictCheck", out var check) && check.ValueKind == JsonValueKind.Object)
        {
            foreach (var m in check.GetProperty("matches").EnumerateArray())
            {
                using var decided = await http.PostAsJsonAsync($"/api/v1/intakes/{id}/conflict-matches/{m.GetProperty("id").GetString()}/decision",
                    new { decision = "no_conflict" });
                Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            }
        }

        using var accepted = await http.PostAsync($"/api/v1/intakes/{id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
