using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace CounselConnect.Infrastructure.Identity;

/// <summary>
/// OpenIddict's token manager, which also clears the <see cref="TokenEntryCache"/> after every change of a token's
/// status (revoked, redeemed, rejected), so that a token revoked on this server (user disabled, role removed,
/// /connect/revoke, refresh-token reuse) is refused by the next request here.
/// </summary>
public sealed class RevocationAwareTokenManager<TToken>(
    IOpenIddictTokenCache<TToken> cache,
    ILogger<OpenIddictTokenManager<TToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<TToken> store,
    TokenEntryCache entries)
    : OpenIddictTokenManager<TToken>(cache, logger, options, store) where TToken : class
{
    public override async ValueTask<bool> TryRevokeAsync(TToken token, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.TryRevokeAsync(token, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<bool> TryRedeemAsync(TToken token, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.TryRedeemAsync(token, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<bool> TryRejectAsync(TToken token, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.TryRejectAsync(token, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<long> RevokeAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.RevokeAsync(subject, client, status, type, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<long> RevokeByApplicationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.RevokeByApplicationIdAsync(identifier, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<long> RevokeByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.RevokeByAuthorizationIdAsync(identifier, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }

    public override async ValueTask<long> RevokeBySubjectAsync(string subject, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.RevokeBySubjectAsync(subject, cancellationToken);
        }
        finally
        {
            entries.Clear();
        }
    }
}
