using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// A client that asks the authorization endpoint for a scope it may not use is refused before its redirect address is
/// trusted, so OpenIddict answers 400 itself rather than redirecting; the answer names the OAuth error (RFC 6749, 5.2)
/// so the client can tell what went wrong, instead of a bare "Bad Request".
/// </summary>
public sealed class OAuthErrorTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private async Task<HttpResponseMessage> AuthorizeAsync(string scope, string state)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        return await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "counselconnect-native",
            ["response_type"] = "code",
            ["redirect_uri"] = CounselConnectFactory.NativeRedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ["code_challenge_method"] = "S256",
        }));
    }

    /// <remarks>
    /// OpenIddict calls a registered scope that the client has no permission for an invalid request, and a scope that
    /// does not exist an invalid scope.
    /// </remarks>
    [Theory]
    [InlineData("openid cc.cases", "invalid_request")]
    [InlineData("openid profile cc.admin", "invalid_request")]
    [InlineData("openid no-such-scope", "invalid_scope")]
    public async Task A_native_sign_in_asking_for_a_scope_it_may_not_use_is_answered_with_an_oauth_error(string scope, string error)
    {
        using var response = await AuthorizeAsync(scope, "s-123");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(error, body.GetProperty("error").GetString());
        var description = body.GetProperty("error_description").GetString();
        Assert.Contains("scope", description, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(description, body.GetProperty("detail").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
    }
}
