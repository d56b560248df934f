using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CounselConnect.Application.Common.Security;
using CounselConnect.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Validation;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CounselConnect.Web.Security;

/// <summary>
/// The embedded OpenID Connect server (OpenIddict): authorization code + PKCE, client credentials, refresh tokens
/// (rolling, so each use rotates them), revocation. No password grant. See docs/adr/0003-openiddict-instead-of-duende.md.
/// </summary>
public static class OpenIddictSetup
{
    public static IServiceCollection AddCounselConnectOpenIddict(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo");

                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.AllowClientCredentialsFlow();
                o.AllowRefreshTokenFlow();

                o.RegisterScopes([Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess, .. ApiScopes.All]);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(7));

                AddCredentials(o, configuration, environment);
                SetIssuer(o, configuration);

                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (environment.IsDevelopment())
                {
                    // Plain HTTP only in Development, where the run command binds to loopback.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // Revoked tokens (user disabled, role removed, explicit revocation) stop working: at once on the server
                // that revoked them, within the token-entry cache's lifetime on the others (ADR 0016).
                o.EnableTokenEntryValidation();
                o.RemoveEventHandler(OpenIddictValidationHandlers.Protection.RestoreTokenEntryProperties.Descriptor);
                o.RemoveEventHandler(OpenIddictValidationHandlers.Protection.ValidateTokenEntry.Descriptor);
                o.AddEventHandler(CachedTokenEntryValidation.Descriptor);
                // A token validated moments ago on this server is not decrypted and validated again (ValidatedTokenCache).
                o.AddEventHandler(ValidatedTokenCache.Restore.Descriptor);
                o.AddEventHandler(ValidatedTokenCache.Remember.Descriptor);
            });
        services.AddOpenIddict().AddCore(o => o.ReplaceTokenManager(typeof(RevocationAwareTokenManager<>)));
        var tokenEntryLifetime = configuration.GetValue<TimeSpan?>("OpenIddict:TokenEntryCacheLifetime") ?? TokenEntryCache.DefaultLifetime;
        services.AddSingleton(sp => new TokenEntryCache(sp.GetRequiredService<TimeProvider>(), tokenEntryLifetime));
        services.AddSingleton<ValidatedTokenCache>();
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, ApiRequestSchemes>());
        return services;
    }

    /// <summary>
    /// Without a configured issuer, OpenIddict takes it from each request's host, so a token issued through one
    /// node's address is refused by a node reached at another (ID2088). Deployments with several nodes set
    /// <c>OpenIddict:Issuer</c> to the public address (ADR 0012).
    /// </summary>
    private static void SetIssuer(OpenIddictServerBuilder o, IConfiguration configuration)
    {
        if (configuration.GetSection("OpenIddict")["Issuer"] is not { Length: > 0 } issuer)
        {
            return;
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException(
                $"OpenIddict:Issuer must be the service's public absolute address, such as https://counsel.example.org/ (got '{issuer}').");
        }

        o.SetIssuer(uri);
    }

    private static void AddCredentials(OpenIddictServerBuilder o, IConfiguration configuration, IHostEnvironment environment)
    {
        AddTokenEncryptionKey(o, configuration);
        if (environment.IsDevelopment())
        {
            if (configuration.GetValue<bool>("OpenIddict:EphemeralKeys"))
            {
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            }
            else
            {
                o.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            }

            return;
        }

        o.AddSigningCertificate(LoadCertificate(configuration, "OpenIddict:SigningCertificate"));
        o.AddEncryptionCertificate(LoadCertificate(configuration, "OpenIddict:EncryptionCertificate"));
    }

    /// <summary>
    /// Access tokens are encrypted. With only the encryption certificate, every request pays an RSA private-key
    /// operation to open its token (about two thirds of the CPU time of a small authenticated request, measured in
    /// docs/benchmarks.md). A symmetric key (<c>OpenIddict:TokenEncryptionKey</c>, base64 of 32 random bytes, the
    /// same on every node) is registered first, so OpenIddict encrypts tokens with a key derived from it instead;
    /// the certificate stays registered and still opens tokens issued before the key was set. ADR 0013.
    /// </summary>
    private static void AddTokenEncryptionKey(OpenIddictServerBuilder o, IConfiguration configuration)
    {
        if (configuration["OpenIddict:TokenEncryptionKey"] is not { Length: > 0 } base64)
        {
            return;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            key = [];
        }

        if (key.Length != 32)
        {
            throw new InvalidOperationException(
                "OpenIddict:TokenEncryptionKey must be the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), the same on every node.");
        }

        // Issued tokens: the content is encrypted directly ("dir", A256CBC-HS512) under a 64-byte key derived from the
        // setting, so opening a token needs no key unwrap. IdentityModel creates an AES key-wrap provider per token
        // and never disposes it, and the finalizer thread releasing those cipher contexts was the largest single cost
        // of an authenticated request in the profile (docs/benchmarks.md). The same setting also stays registered as
        // an AES key-wrap key, after the direct key, so tokens issued by the previous release (A256KW) still open.
        var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 64, salt: [], info: DirectKeyInfo);
        o.AddEncryptionCredentials(new EncryptingCredentials(
            new SymmetricSecurityKey(contentKey) { KeyId = DirectKeyId(contentKey) },
            JwtConstants.DirectKeyUseAlg, SecurityAlgorithms.Aes256CbcHmacSha512));
        o.AddEncryptionKey(new SymmetricSecurityKey(key));
    }

    private static readonly byte[] DirectKeyInfo = "CounselConnect access tokens dir A256CBC-HS512"u8.ToArray();

    /// <summary>A key id that names the derived key without revealing it: the first 8 bytes of its SHA-256, hex.</summary>
    private static string DirectKeyId(byte[] contentKey) => Convert.ToHexStringLower(SHA256.HashData(contentKey).AsSpan(0, 8));

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string section)
    {
        var path = configuration[$"{section}:Path"];
        var base64 = configuration[$"{section}:Base64"];
        var password = configuration[$"{section}:Password"];
        if (string.IsNullOrWhiteSpace(path) && string.IsNullOrWhiteSpace(base64))
        {
            throw new InvalidOperationException(
                $"No certificate is configured at '{section}'. Outside Development CounselConnect needs a signing and an " +
                $"encryption certificate (PKCS#12): set {section}:Path (or {section}:Base64) and {section}:Password. " +
                "See deploy/README.md.");
        }

        try
        {
            return string.IsNullOrWhiteSpace(path)
                ? X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64!), password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException or IOException)
        {
            throw new InvalidOperationException($"The certificate configured at '{section}' could not be loaded: {ex.GetType().Name}.", ex);
        }
    }
}
