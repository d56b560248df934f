using CounselConnect.Infrastructure.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlerFilters;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace CounselConnect.Web.Security;

/// <summary>
/// Token-entry validation with a short memory: takes the place of OpenIddict's two handlers that read an access
/// token's entry from the database (<c>RestoreTokenEntryProperties</c>, which restores the stored dates and ids,
/// and <c>ValidateTokenEntry</c>, which refuses a token no longer valid), and does the same from a
/// <see cref="TokenEntryCache"/> snapshot when one is fresh. A revoked token is refused at once on the server that
/// revoked it and within <see cref="TokenEntryCache.Lifetime"/> on the others (ADR 0016).
/// </summary>
public sealed class CachedTokenEntryValidation(IServiceProvider requestServices, TokenEntryCache cache) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; }
        = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<RequireTokenEntryValidationEnabled>()
            // Scoped, with the request's services: the token manager (and its database context) is only resolved on a miss.
            .UseScopedHandler(sp => new CachedTokenEntryValidation(sp, sp.GetRequiredService<TokenEntryCache>()))
            .SetOrder(RestoreTokenEntryProperties.Descriptor.Order)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is null || context.Principal.GetTokenId() is not { Length: > 0 } identifier)
        {
            // No entry behind the token (token storage off): nothing to check, as with OpenIddict's own handlers.
            return;
        }

        if (!cache.TryGet(identifier, out var entry))
        {
            var generation = cache.Generation;
            entry = await ReadAsync(requestServices, context, identifier);
            cache.Store(identifier, entry, generation);
        }

        // A token whose entry is gone or no longer valid, or a reference token's payload used as a plain token.
        if (!entry.Found || !entry.Valid || (entry.HasReferenceId && !context.IsReferenceToken))
        {
            context.Reject(error: Errors.InvalidToken, description: "The specified token is no longer valid.");
            return;
        }

        context.Principal
            .SetCreationDate(entry.CreationDate)
            .SetExpirationDate(entry.ExpirationDate)
            .SetAuthorizationId(context.AuthorizationId = entry.AuthorizationId)
            .SetTokenId(context.TokenId = entry.TokenId)
            .SetTokenType(entry.TokenType);
    }

    private static async Task<TokenEntrySnapshot> ReadAsync(IServiceProvider services, ValidateTokenContext context, string identifier)
    {
        var manager = services.GetService<IOpenIddictTokenManager>()
            ?? throw new InvalidOperationException("The OpenIddict token manager is not registered.");
        var ct = context.CancellationToken;
        var token = await manager.FindByIdAsync(identifier, ct);
        if (token is null)
        {
            return new TokenEntrySnapshot(false, false, false, null, null, null, null, null);
        }

        return new TokenEntrySnapshot(
            true,
            await manager.HasStatusAsync(token, Statuses.Valid, ct),
            !string.IsNullOrEmpty(await manager.GetReferenceIdAsync(token, ct)),
            await manager.GetCreationDateAsync(token, ct),
            await manager.GetExpirationDateAsync(token, ct),
            await manager.GetAuthorizationIdAsync(token, ct),
            await manager.GetIdAsync(token, ct),
            await manager.GetTypeAsync(token, ct));
    }
}
