using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.IntegrationTests.Support;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>A host whose issuer is fixed by configuration, as a deployment with several nodes sets it.</summary>
public sealed class FixedIssuerSqliteFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["OpenIddict:Issuer"] = "http://counselconnect.test/",
    };
}

/// <summary>Tokens and the host name they were asked through (several nodes behind different addresses).</summary>
public sealed class IssuerTests(FixedIssuerSqliteFactory fixedIssuer, SqliteFactory defaultIssuer)
    : IClassFixture<FixedIssuerSqliteFactory>, IClassFixture<SqliteFactory>
{
    [Fact]
    public async Task With_a_configured_issuer_a_token_asked_through_one_address_works_through_another() =>
        Assert.Equal(HttpStatusCode.OK, await MeThroughOtherHostAsync(fixedIssuer));

    [Fact]
    public async Task Without_one_the_issuer_follows_the_host_and_another_address_refuses_the_token() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await MeThroughOtherHostAsync(defaultIssuer));

    private static async Task<HttpStatusCode> MeThroughOtherHostAsync(CounselConnectFactory factory)
    {
        using var client = factory.CreateClient();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "counselconnect-cli",
                ["client_secret"] = CounselConnectFactory.CliSecret,
            }),
        };
        tokenRequest.Headers.Host = "node-1.internal";
        using var tokenResponse = await client.SendAsync(tokenRequest);
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tokenResponse.IsSuccessStatusCode, body.ToString());

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Host = "node-2.internal";
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        using var response = await client.SendAsync(me);
        return response.StatusCode;
    }
}
