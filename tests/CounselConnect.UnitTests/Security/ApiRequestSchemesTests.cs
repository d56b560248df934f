using CounselConnect.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace CounselConnect.UnitTests.Security;

/// <summary>
/// Which schemes the authentication middleware offers a request to handle: for an API request, OpenIddict's
/// validation but not its server (whose endpoints are all under /connect/); for every other request, all of them.
/// </summary>
public sealed class ApiRequestSchemesTests
{
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;
    private const string Validation = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    private static (ApiRequestSchemes Provider, HttpContextAccessor Http) Create()
    {
        var options = new AuthenticationOptions();
        options.AddScheme(Server, b => b.HandlerType = typeof(OpenIddictServerAspNetCoreHandler));
        options.AddScheme(Validation, b => b.HandlerType = typeof(OpenIddictValidationAspNetCoreHandler));
        options.AddScheme(CookieAuthenticationDefaults.AuthenticationScheme, b => b.HandlerType = typeof(CookieAuthenticationHandler));
        var http = new HttpContextAccessor();
        return (new ApiRequestSchemes(Options.Create(options), http), http);
    }

    private static async Task<string[]> RequestHandlersFor(ApiRequestSchemes provider, HttpContextAccessor http, string path)
    {
        http.HttpContext = new DefaultHttpContext { Request = { Path = path } };
        return [.. (await provider.GetRequestHandlerSchemesAsync()).Select(s => s.Name).Order()];
    }

    [Theory]
    [InlineData("/api/v1/cases/5f0c/attorney-matches")]
    [InlineData("/api")]
    [InlineData("/API/v1/intakes")]
    public async Task An_api_request_is_offered_to_the_validation_but_not_to_the_server(string path)
    {
        var (provider, http) = Create();
        Assert.Equal([Validation], await RequestHandlersFor(provider, http, path));
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/authorize")]
    [InlineData("/")]
    [InlineData("/apidocs")]
    [InlineData("/cases/mine")]
    public async Task Every_other_request_is_offered_to_both(string path)
    {
        var (provider, http) = Create();
        Assert.Equal([Server, Validation], await RequestHandlersFor(provider, http, path));
    }

    [Fact]
    public async Task A_scheme_added_later_is_offered_to_api_requests_too()
    {
        var (provider, http) = Create();
        Assert.Equal([Validation], await RequestHandlersFor(provider, http, "/api/v1/intakes"));

        provider.AddScheme(new AuthenticationScheme("Extra", null, typeof(OpenIddictValidationAspNetCoreHandler)));

        Assert.Equal(["Extra", Validation], await RequestHandlersFor(provider, http, "/api/v1/intakes"));
        Assert.Equal(["Extra", Server, Validation], await RequestHandlersFor(provider, http, "/connect/token"));
    }
}
