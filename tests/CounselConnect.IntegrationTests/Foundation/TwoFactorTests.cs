using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>TOTP two-factor: enrol through the page, then sign-in asks for the code.</summary>
public sealed partial class TwoFactorTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Password = "Two-Factor-Test-2026!";

    [Fact]
    public async Task Enrolled_user_must_give_the_authenticator_code_to_sign_in()
    {
        var email = $"totp-{Guid.NewGuid():N}@example.test";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Totp Tester" }, Password);
            Assert.True(result.Succeeded);
        }

        using var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, email)).StatusCode);
        var enrolPage = await browser.GetStringAsync("/Account/TwoFactor");
        var key = SharedKey().Match(enrolPage).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.False(string.IsNullOrEmpty(key));

        using var wrong = await browser.PostAsync("/Account/TwoFactor", Form(("Code", "000000"), ("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(enrolPage))));
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var retryPage = await browser.GetStringAsync("/Account/TwoFactor");
        using var enrolled = await browser.PostAsync("/Account/TwoFactor", Form(("Code", Totp(key)), ("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(retryPage))));
        Assert.Contains("Two-factor authentication is on", await enrolled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var second = Browser();
        using var first = await SignInAsync(second, email);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var protectedPage = await second.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, protectedPage.StatusCode);

        var codePage = await second.GetStringAsync(first.Headers.Location);
        using var verified = await second.PostAsync(first.Headers.Location, Form(("Code", Totp(key)), ("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(codePage))));
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        using var home = await second.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Enrolment_page_requires_sign_in()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/Account/TwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_opens_the_Hangfire_dashboard_and_an_attorney_does_not()
    {
        using var admin = Browser();
        await SignInAsync(admin, $"admin@{CounselConnect.Infrastructure.Seeding.Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);

        using var attorney = Browser();
        await SignInAsync(attorney, $"attorney@{CounselConnect.Infrastructure.Seeding.Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        using var refused = await attorney.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password = Password)
    {
        var page = await browser.GetStringAsync("/Account/Login");
        return await browser.PostAsync("/Account/Login", Form(("Email", email), ("Password", password), ("__RequestVerificationToken", AuthorizationCodeFlow.AntiforgeryToken(page))));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) from a base32 key.</summary>
    private static string Totp(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator codes are HMAC-SHA1 by definition.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<code id=\"shared-key\">([^<]+)</code>")]
    private static partial Regex SharedKey();
}
