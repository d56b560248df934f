using CounselConnect.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Tells the API document's readers (Scalar, client generators) how to authenticate: OAuth 2.0 against the embedded
/// OpenID Connect server (authorization code with PKCE for people, client credentials for integrations; the API's
/// scopes), required by every operation that needs authorization, which can then answer 401 and 403. Anonymous
/// operations (the calendar feed behind its secret link) carry no requirement.
/// </summary>
public static class OpenApiSecurity
{
    public const string SchemeName = "oauth2";

    public static OpenApiOptions AddCounselConnectSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            var scopes = ApiScopes.All.ToDictionary(s => s, s => $"The {s["cc.".Length..]} part of the API");
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "OAuth 2.0 with the service's own OpenID Connect server (see the README): authorization code with "
                    + "PKCE for people, client credentials for integrations. Send the access token as a bearer token.",
                Flows = new OpenApiOAuthFlows
                {
                    AuthorizationCode = new OpenApiOAuthFlow
                    {
                        AuthorizationUrl = new Uri("/connect/authorize", UriKind.Relative),
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        RefreshUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(scopes),
                    },
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri("/connect/token", UriKind.Relative),
                        Scopes = new Dictionary<string, string>(scopes),
                    },
                },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid access token was sent." });
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's user, role or scope may not do this." });
            return Task.CompletedTask;
        });
        return options;
    }
}
