using CounselConnect.Application.Hearings;
using CounselConnect.Application.Hearings.CancelHearing;
using CounselConnect.Application.Hearings.EnterJudgeSetDeadline;
using CounselConnect.Application.Hearings.GetCaseDeadlines;
using CounselConnect.Application.Hearings.ListHearings;
using CounselConnect.Application.Hearings.RescheduleHearing;
using CounselConnect.Application.Hearings.ScheduleHearing;
using CounselConnect.Domain.Cases;
using CounselConnect.Domain.Hearings;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Hearings of a case (with history) and the case's deadlines.</summary>
public sealed class Hearings : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cases/{caseId:guid}").WithTags("Hearings and deadlines").RequireAuthorization(Policies.CaseWork).NoStore()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/hearings", Schedule).WithName("ScheduleHearing")
            .WithSummary("Add a hearing (local time at the court plus its IANA time zone); plans its reminders").ProducesProblem(409);
        group.MapGet("/hearings", List).WithName("ListHearings").WithSummary("The case's hearings, each with its change history");
        group.MapPost("/hearings/{hearingId:guid}/reschedule", Reschedule).WithName("RescheduleHearing")
            .WithSummary("Move a hearing; history is kept, old reminders are cancelled and new ones planned; a concurrent change is a 409").ProducesProblem(409);
        group.MapDelete("/hearings/{hearingId:guid}", Cancel).WithName("CancelHearing")
            .WithSummary("Cancel a hearing (kept with its history); its pending reminders are cancelled").ProducesProblem(409);
        group.MapGet("/deadlines", Deadlines).WithName("GetCaseDeadlines")
            .WithSummary("The case's deadlines with the rule, source and weekend/holiday roll that produced each");
        group.MapPost("/deadlines", EnterDeadline).WithName("EnterJudgeSetDeadline")
            .WithSummary("Enter a deadline set by the judge (detained dockets, bond, scheduling orders)").ProducesProblem(409);
    }

    private static async Task<Created<HearingDto>> Schedule(Guid caseId, ScheduleRequest request, ISender sender, CancellationToken ct)
    {
        var hearing = await sender.Send(new ScheduleHearingCommand(caseId, request.Type, request.LocalDateTime, request.TimeZone, request.CourtCode,
            request.Location, request.Appearance, request.InterpreterLanguage), ct);
        return TypedResults.Created($"/api/v1/cases/{caseId}/hearings/{hearing.Id}", hearing);
    }

    private static async Task<Ok<IReadOnlyList<HearingDto>>> List(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListHearingsQuery(caseId), ct));

    private static async Task<Ok<HearingDto>> Reschedule(Guid caseId, Guid hearingId, RescheduleRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RescheduleHearingCommand(caseId, hearingId, request.LocalDateTime, request.TimeZone, request.Location,
            request.Appearance, request.Reason, request.Version), ct));

    private static async Task<Ok<HearingDto>> Cancel(Guid caseId, Guid hearingId, ISender sender, CancellationToken ct, string? reason = null,
        int? version = null) =>
        TypedResults.Ok(await sender.Send(new CancelHearingCommand(caseId, hearingId, reason, version), ct));

    private static async Task<Ok<CaseDeadlinesDto>> Deadlines(Guid caseId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCaseDeadlinesQuery(caseId), ct));

    private static async Task<Created<CaseDeadlineDto>> EnterDeadline(Guid caseId, JudgeSetDeadlineRequest request, ISender sender, CancellationToken ct)
    {
        var deadline = await sender.Send(new EnterJudgeSetDeadlineCommand(caseId, request.DueDate, request.Description, request.HearingDate), ct);
        return TypedResults.Created($"/api/v1/cases/{caseId}/deadlines", deadline);
    }

    /// <param name="LocalDateTime">Wall-clock time at the court, without offset, e.g. 2027-01-15T09:00:00.</param>
    public sealed record ScheduleRequest(HearingType? Type, DateTime? LocalDateTime, string? TimeZone, string? CourtCode, string? Location,
        AppearanceMode? Appearance, string? InterpreterLanguage);

    /// <param name="Version">Optional: the hearing version the caller saw; a different current version is a 409.</param>
    public sealed record RescheduleRequest(DateTime? LocalDateTime, string? TimeZone, string? Location, AppearanceMode? Appearance, string? Reason,
        int? Version = null);

    public sealed record JudgeSetDeadlineRequest(DateOnly? DueDate, string? Description, DateOnly? HearingDate);
}
