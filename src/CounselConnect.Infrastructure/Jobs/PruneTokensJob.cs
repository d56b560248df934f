using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace CounselConnect.Infrastructure.Jobs;

/// <summary>Recurring: removes tokens and authorizations that expired or were revoked more than two weeks ago.</summary>
public sealed class PruneTokensJob(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, TimeProvider clock, ILogger<PruneTokensJob> logger)
{
    public const string Id = "identity:prune-tokens";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var threshold = clock.GetUtcNow().AddDays(-14);
        var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
        logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations", prunedTokens, prunedAuthorizations);
    }
}
