using CounselConnect.Application.Common.Interfaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CounselConnect.Web.Security;

/// <summary>
/// Records every refused request in the audit trail before the usual 401/403 is sent: who (the subject, or
/// "anonymous"), the route pattern (never the concrete path, which may hold ids) and the outcome. Requests that
/// carry no credentials at all and are merely asked to sign in are not recorded, so anonymous traffic cannot fill
/// the trail; a request with a token or cookie that is refused always is.
/// </summary>
public sealed class RefusalAuditing(ILogger<RefusalAuditing> logger) : IAuthorizationMiddlewareResultHandler
{
    public const string RefusedAction = "AuthorizationRefused";
    public const string UnauthenticatedAction = "AuthenticationRefused";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var carriesCredentials = context.Request.Headers.Authorization.Count > 0 || context.Request.Cookies.ContainsKey("counselconnect.auth");
        if (authorizeResult.Forbidden || (authorizeResult.Challenged && carriesCredentials))
        {
            try
            {
                var audit = context.RequestServices.GetRequiredService<IAuditTrail>();
                audit.Record(authorizeResult.Forbidden ? RefusedAction : UnauthenticatedAction, "Endpoint", null, "none");
                await context.RequestServices.GetRequiredService<IApplicationDbContext>().SaveChangesAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The refusal is still sent when the audit write fails; the failure is logged (no request values in it).
                logger.LogError(ex, "Could not record a refused request in the audit trail");
            }
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
