using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CounselConnect.IntegrationTests.Support;

public static class HttpClientExtensions
{
    /// <summary>An access token for the seeded integration client, through the real token endpoint.</summary>
    public static async Task<string> GetClientCredentialsTokenAsync(this HttpClient client, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "counselconnect-cli",
            ["client_secret"] = CounselConnectFactory.CliSecret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
