using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CounselConnect.Infrastructure.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace CounselConnect.Web.Security;

/// <summary>
/// Access tokens this server has just validated, with the principal the validation produced, so that the next
/// request with the same token does not decrypt, verify and re-validate it (in the load profile, about a tenth of
/// the CPU of a small API request). An entry is used only while the token's entry in the <see cref="TokenEntryCache"/>
/// is still held and valid, and before the token expires: a revocation therefore takes effect exactly as ADR 0016
/// describes (at once on the server that revoked it, which clears that cache; within its lifetime on the others).
/// Keys are SHA-256 digests of the tokens, not the tokens themselves.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider clock, TokenEntryCache entries)
{
    private const int MaxEntries = 50_000;
    private const string RestoredProperty = "CounselConnect.ValidatedTokenCache.Restored";

    private readonly ConcurrentDictionary<string, Validated> _tokens = new(StringComparer.Ordinal);

    private long _served;

    /// <summary>How many requests this cache has spared a full validation (diagnostics and tests).</summary>
    public long Served => Interlocked.Read(ref _served);

    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        var key = KeyOf(token);
        if (!entries.Enabled || !_tokens.TryGetValue(key, out var validated))
        {
            return false;
        }

        if (clock.GetElapsedTime(validated.StoredAt) >= entries.Lifetime
            || (validated.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
            || (validated.TokenId is { } id && !(entries.TryGet(id, out var entry) && entry is { Found: true, Valid: true })))
        {
            // Only this stale entry: a fresh one stored meanwhile by another request stays.
            _tokens.TryRemove(new KeyValuePair<string, Validated>(key, validated));
            return false;
        }

        // A copy: nothing done to one request's principal reaches another's.
        principal = validated.Principal.Clone();
        return true;
    }

    public void Store(string token, ClaimsPrincipal principal)
    {
        if (!entries.Enabled)
        {
            return;
        }

        if (_tokens.Count >= MaxEntries)
        {
            _tokens.Clear();
        }

        var tokenId = principal.GetTokenId();
        _tokens[KeyOf(token)] = new Validated(principal.Clone(), string.IsNullOrEmpty(tokenId) ? null : tokenId, principal.GetExpirationDate(), clock.GetTimestamp());
    }

    private static string KeyOf(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Validated(ClaimsPrincipal Principal, string? TokenId, DateTimeOffset? ExpiresAt, long StoredAt);

    /// <summary>Before OpenIddict validates the access token: a token validated moments ago gets its principal back.</summary>
    public sealed class Restore(ValidatedTokenCache cache) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; }
            = OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseSingletonHandler<Restore>()
                .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order - 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.AccessTokenPrincipal is null && !string.IsNullOrEmpty(context.AccessToken)
                && cache.TryGet(context.AccessToken, out var principal))
            {
                // OpenIddict's ValidateAccessToken runs whenever ValidateAccessToken is set, whatever the principal
                // (it would decrypt, verify and overwrite it): turned off for this request, the restored principal stands.
                context.AccessTokenPrincipal = principal;
                context.ValidateAccessToken = false;
                Interlocked.Increment(ref cache._served);
                context.Transaction.Properties[RestoredProperty] = true;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>After OpenIddict has validated a token in full: remember the result.</summary>
    public sealed class Remember(ValidatedTokenCache cache) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; }
            = OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .UseSingletonHandler<Remember>()
                .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.AccessTokenPrincipal is { } principal && !string.IsNullOrEmpty(context.AccessToken) && !context.IsRejected
                && !context.Transaction.Properties.ContainsKey(RestoredProperty))
            {
                cache.Store(context.AccessToken, principal);
            }

            return ValueTask.CompletedTask;
        }
    }
}
