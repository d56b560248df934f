using System.Net;
using System.Text.Json;
using CounselConnect.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using CounselConnect.Web.Security;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>A host with no symmetric token key: access tokens are wrapped with the encryption certificate only.</summary>
public sealed class CertificateOnlyTokensSqliteFactory : SqliteFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["OpenIddict:TokenEncryptionKey"] = string.Empty,
    };
}

/// <summary>Access tokens stay encrypted; with OpenIddict:TokenEncryptionKey set they are wrapped directly under a key derived from it (ADR 0013).</summary>
public sealed class TokenEncryptionTests(SqliteFactory withKey, CertificateOnlyTokensSqliteFactory certificateOnly)
    : IClassFixture<SqliteFactory>, IClassFixture<CertificateOnlyTokensSqliteFactory>
{
    [Fact]
    public async Task With_the_symmetric_key_tokens_are_encrypted_directly_under_the_derived_key_and_accepted() =>
        Assert.Equal("dir", await IssueAndUseAsync(withKey));

    [Fact]
    public async Task A_token_wrapped_with_AES_key_wrap_by_the_previous_release_still_opens()
    {
        using var client = withKey.CreateClient();
        var token = await client.GetClientCredentialsTokenAsync();
        var credentials = withKey.Services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value.EncryptionCredentials;
        var direct = Assert.Single(credentials, c => c.Alg == "dir");
        var keyWrap = Assert.Single(credentials, c => c.Alg == SecurityAlgorithms.Aes256KW);
        Assert.Same(direct, credentials[0]); // the direct key issues; the key-wrap key only opens older tokens

        // The same signed token, re-encrypted the way the previous release issued it.
        var handler = new JsonWebTokenHandler();
        var signed = handler.DecryptToken(new JsonWebToken(token), new TokenValidationParameters { TokenDecryptionKeys = [direct.Key] });
        var legacy = handler.EncryptToken(signed, new EncryptingCredentials(keyWrap.Key, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
        Assert.Equal("A256KW", new JsonWebToken(legacy).Alg);

        using var response = await client.WithBearer(legacy).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var tampered = await client.WithBearer(legacy[..^4] + (legacy[^4] == 'A' ? "B" : "A") + legacy[^3..]).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    [Fact]
    public async Task A_token_just_validated_is_remembered_so_the_next_request_skips_its_validation()
    {
        // A server like the fixture's, which also counts every run of OpenIddict's token validation.
        using var counting = withKey.WithWebHostBuilder(b => b.ConfigureServices(services => services.AddOpenIddict().AddValidation(o =>
            o.AddEventHandler<OpenIddictValidationEvents.ValidateTokenContext>(h => h.UseInlineHandler(_ =>
            {
                Interlocked.Increment(ref _tokenValidations);
                return ValueTask.CompletedTask;
            }).SetOrder(int.MinValue)))));
        using var client = counting.CreateClient();
        var token = await client.GetClientCredentialsTokenAsync();
        var cache = counting.Services.GetRequiredService<ValidatedTokenCache>();
        Assert.False(cache.TryGet(token, out _));

        using var first = await client.WithBearer(token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(cache.TryGet(token, out var principal));
        Assert.Equal("counselconnect-cli", principal.GetClaim(OpenIddictConstants.Claims.Subject));

        var served = cache.Served;
        var validations = Volatile.Read(ref _tokenValidations);
        using var second = await client.WithBearer(token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(served + 1, cache.Served);
        Assert.Equal(validations, Volatile.Read(ref _tokenValidations)); // OpenIddict's token validation did not run again
        var forged = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        using var refused = await client.WithBearer(forged).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(cache.TryGet(forged, out _));
    }

    private int _tokenValidations;

    [Fact]
    public async Task Without_it_tokens_are_encrypted_with_the_certificate_and_accepted() =>
        Assert.Equal("RSA-OAEP", await IssueAndUseAsync(certificateOnly));

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task A_malformed_key_stops_the_start_with_a_message_naming_the_setting(string key)
    {
        var host = new SqliteFactory();
        await host.InitializeAsync();
        try
        {
            using var factory = host.WithWebHostBuilder(b => b.UseSetting("OpenIddict:TokenEncryptionKey", key));
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains("OpenIddict:TokenEncryptionKey", Flatten(error), StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)host).DisposeAsync();
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);

    /// <summary>Issues a client-credentials token, checks it opens /api/v1/me, and returns its JWE key algorithm.</summary>
    private static async Task<string?> IssueAndUseAsync(CounselConnectFactory factory)
    {
        using var client = factory.CreateClient();
        var token = await client.GetClientCredentialsTokenAsync();

        var parts = token.Split('.');
        Assert.Equal(5, parts.Length); // a JWE (encrypted), not a three-part signed JWT
        using var header = JsonDocument.Parse(Base64UrlEncoder.Decode(parts[0]));

        using var response = await client.WithBearer(token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return header.RootElement.GetProperty("alg").GetString();
    }
}
