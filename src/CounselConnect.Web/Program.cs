using System.Text.Json.Serialization;
using CounselConnect.Application;
using CounselConnect.Application.Common.Behaviours;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Infrastructure;
using CounselConnect.Web.Endpoints;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = false);
}

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddMediator(o =>
{
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.Assemblies = [typeof(ApplicationAssemblyMarker)];
    o.PipelineBehaviors = [typeof(ValidationBehaviour<,>)];
});

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddScoped<PrincipalFactory>();
builder.Services.AddCounselConnectOpenIddict(builder.Configuration, builder.Environment);
builder.Services.AddCounselConnectPolicies();
builder.Services.AddCounselConnectTwoFactorRequirement(builder.Configuration);
builder.Services.AddReminderPolicies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/Account/Login";
    o.LogoutPath = "/Account/Logout";
    o.AccessDeniedPath = "/Account/AccessDenied";
    o.Cookie.Name = "counselconnect.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
});

builder.Services.AddCounselConnectLocalization();
builder.Services.AddCounselConnectLocalizedMessages();
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/", Policies.AuthenticatedPages);
    o.Conventions.AuthorizeFolder("/Intake", Policies.IntakeStaffPages);
    o.Conventions.AuthorizeFolder("/Attorney", Policies.AttorneyPages);
    // The audit trail is under /Manager but is read by administrators too: its own [Authorize] names who may.
    o.Conventions.AddFolderApplicationModelConvention("/Manager", page =>
    {
        if (!string.Equals(page.ViewEnginePath, "/Manager/Audit", StringComparison.Ordinal))
        {
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Policies.ProgramManagerPages));
        }
    });
    o.Conventions.AuthorizeFolder("/Admin", Policies.AdministratorPages);
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
    o.Conventions.AllowAnonymousToPage("/Account/Logout");
    o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    o.Conventions.AllowAnonymousToPage("/Culture");
    o.Conventions.AllowAnonymousToPage("/Status");
}).AddCounselConnectViewLocalization();

builder.Services.AddProblemDetails(CounselConnect.Web.Security.OAuthErrorProblemDetails.Configure);
builder.Services.AddCounselConnectResilience();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.AddOpenApi(o => o.AddCounselConnectSecurity());
builder.Services.AddCounselConnectRateLimits(builder.Configuration);
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.AddCounselConnectTelemetry();

var app = builder.Build();
if (CounselConnect.Infrastructure.Deployment.MigrateCommand.IsRequested(args))
{
    return await CounselConnect.Infrastructure.Deployment.MigrateCommand.RunAsync(app.Services);
}

// An error answer without a body to a browser asking for a page (a page's 404, or an exception the handler below
// turned into a status) is shown as a page in the site's layout; API and OpenID Connect callers keep their
// ProblemDetails and OAuth answers (PageRequests).
app.UseWhen(context => PageRequests.IsPage(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/Status/{0}"));
app.UseExceptionHandler();
app.UseWhen(context => !PageRequests.IsPage(context.Request), others => others.UseStatusCodePages());
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStaticFiles();
app.UseRequestLocalization();
app.UseBodylessApiRequestsAsJson();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
// An address without an endpoint is a 404 here, after authentication (OpenIddict answers its own /connect/ requests
// there) and before authorization (whose deny-all fallback would send it to the sign-in page), file-like addresses
// (/favicon.ico) included. Not a catch-all route: one would outrank routing's own answers for an address that exists,
// 405 for a method it does not have and 415 for a body it does not read.
app.UseNotFoundWithoutEndpoint();
app.UseAuthorization();
app.UseTwoFactorEnrolment();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference().AllowAnonymous();
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DashboardTitle = "CounselConnect jobs" })
    .RequireAuthorization(Policies.AdministratorPages);
app.MapCounselConnectEndpoints();
app.MapRazorPages();

if (args.Contains("verify-audit"))
{
    // `dotnet run --project src/CounselConnect.Web -- verify-audit`: recompute every audit chain; exit 1 on a break.
    return await AuditVerificationCommand.RunAsync(app.Services);
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
