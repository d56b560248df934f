using CounselConnect.Application.Common.Security;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.ListCaseReminders;
using CounselConnect.Application.Reminders.ListFailedReminders;
using CounselConnect.Application.Reminders.Schedule;
using CounselConnect.Application.Reminders.UpdateClientContact;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace CounselConnect.Web.Endpoints;

/// <summary>Client contact and consent, a case's reminders, and failed reminders for managers.</summary>
public sealed class Reminders : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/v1/cases/{caseId:guid}").WithTags("Reminders").RequireAuthorization(Policies.CaseWork).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPut("/client-contact", UpdateContact).WithName("UpdateClientContact")
            .WithSummary("Set the client's email, phone, language and consent per channel (who and when are recorded); replans reminders")
            .ProducesProblem(409);
        cases.MapGet("/reminders", ListForCase).WithName("ListCaseReminders").WithSummary("Every reminder row of the case and its delivery state");

        app.MapGet("/api/v1/reminders/failed", Failed).WithTags("Reminders").RequireAuthorization(Policies.ProgramManager).NoStore()
            .WithName("ListFailedReminders").WithSummary("Reminders of your organisation that failed after every retry")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        const string schedulePath = "/api/v1/reminders/schedule";
        app.MapGet(schedulePath, GetSchedule).WithName("GetReminderSchedule").WithTags("Reminders")
            .RequireAuthorization(ReminderPolicies.ScheduleEditors).NoStore()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Your organisation's reminder schedule: days before the event per recipient, quiet hours, deadline reminder time");
        app.MapPut(schedulePath, UpdateSchedule).WithName("UpdateReminderSchedule").WithTags("Reminders")
            .RequireAuthorization(ReminderPolicies.ScheduleEditors).NoStore().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Replace your organisation's reminder schedule; its reminders are replanned in the background");
    }

    private static async Task<Ok<ReminderScheduleDto>> GetSchedule(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetReminderScheduleQuery(), ct));

    private static async Task<Ok<ReminderScheduleDto>> UpdateSchedule(ReminderScheduleRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateReminderScheduleCommand(request.AttorneyHearingOffsets, request.AttorneyDeadlineOffsets,
            request.ClientHearingOffsets, request.QuietHoursStart, request.QuietHoursEnd, request.DeadlineReminderTime), ct));

    /// <param name="QuietHoursStart">Local time in the recipient's zone, HH:mm; equal start and end mean no quiet hours.</param>
    public sealed record ReminderScheduleRequest(IReadOnlyList<int>? AttorneyHearingOffsets, IReadOnlyList<int>? AttorneyDeadlineOffsets,
        IReadOnlyList<int>? ClientHearingOffsets, string? QuietHoursStart, string? QuietHoursEnd, string? DeadlineReminderTime);

    private static async Task<Ok<ClientContactDto>> UpdateContact(Guid caseId, ClientContactRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new UpdateClientContactCommand(caseId, request.Email, request.Phone, request.PreferredLanguage, request.TimeZone,
            request.EmailConsent ?? false, request.SmsConsent ?? false), ct));

    private static async Task<Ok<IReadOnlyList<ReminderDto>>> ListForCase(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCaseRemindersQuery(caseId), ct));

    private static async Task<Ok<IReadOnlyList<ReminderDto>>> Failed(ISender sender, CancellationToken ct, int limit = 200) =>
        TypedResults.Ok(await sender.Send(new ListFailedRemindersQuery(limit), ct));

    public sealed record ClientContactRequest(string? Email, string? Phone, string? PreferredLanguage, string? TimeZone, bool? EmailConsent, bool? SmsConsent);
}

/// <summary>The reminder endpoints' own policy (registered from Program.cs).</summary>
public static class ReminderPolicies
{
    /// <summary>Program managers and administrators (or an integration client with the reports or admin scope).</summary>
    public const string ScheduleEditors = "Api.ReminderScheduleEditors";

    /// <summary>Registers <see cref="ScheduleEditors"/>.</summary>
    public static IServiceCollection AddReminderPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder().AddPolicy(ScheduleEditors, p => p
            .AddAuthenticationSchemes(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.IsInRole(Roles.ProgramManager) || c.User.IsInRole(Roles.Administrator)
                || c.User.HasScope(ApiScopes.Reports) || c.User.HasScope(ApiScopes.Admin))).Services;
}
