using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CounselConnect.IntegrationTests.Support;

/// <summary>
/// Drives the real authorization code + PKCE flow the way a browser would: authorize, sign-in page, post the
/// form (with its antiforgery token), follow the redirect back, exchange the code at the token endpoint.
/// </summary>
public static partial class AuthorizationCodeFlow
{
    public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken);

    /// <summary>
    /// A client that signs in on the sign-in page, as a person's browser does, and keeps the cookie: for the Razor pages.
    /// Redirects are not followed, so a test sees where a page sends it.
    /// </summary>
    public static async Task<HttpClient> SignInToPagesAsync(CounselConnectFactory factory, string email, string password)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await browser.GetStringAsync("/Account/Login");
        using var credentials = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(login),
        });
        using var signedIn = await browser.PostAsync("/Account/Login", credentials);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    public static async Task<Tokens> SignInAsync(CounselConnectFactory factory, string email, string password, string scope = "openid profile email roles offline_access")
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "counselconnect-native",
            ["response_type"] = "code",
            ["redirect_uri"] = CounselConnectFactory.NativeRedirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        using var first = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var loginUrl = first.Headers.Location!;
        Assert.StartsWith("/Account/Login", loginUrl.IsAbsoluteUri ? loginUrl.PathAndQuery : loginUrl.OriginalString, StringComparison.Ordinal);

        var loginPage = await browser.GetStringAsync(loginUrl);
        var returnUrl = QueryHelpers.ParseQuery(loginUrl.IsAbsoluteUri ? loginUrl.Query : loginUrl.OriginalString[loginUrl.OriginalString.IndexOf('?', StringComparison.Ordinal)..])["ReturnUrl"].ToString();

        using var posted = await browser.PostAsync(loginUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = AntiforgeryToken(loginPage),
        }));
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"Sign-in did not redirect: {(int)posted.StatusCode}");

        using var back = await browser.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(CounselConnectFactory.NativeRedirectUri, callback.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal(state, query["state"].ToString());
        var code = query["code"].ToString();
        Assert.False(string.IsNullOrEmpty(code), "No authorization code in the callback.");

        using var token = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "counselconnect-native",
            ["redirect_uri"] = CounselConnectFactory.NativeRedirectUri,
            ["code"] = code,
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(token.IsSuccessStatusCode, body.ToString());
        return new Tokens(
            body.GetProperty("access_token").GetString()!,
            body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            body.TryGetProperty("id_token", out var i) ? i.GetString() : null);
    }

    public static async Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = "counselconnect-native",
            ["refresh_token"] = refreshToken,
        }));

    /// <summary>The antiforgery token of the first form on a server-rendered page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
