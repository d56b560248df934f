using System.Globalization;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Reminders;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CounselConnect.Application.Reminders.Schedule;

/// <summary>The organisation's reminder schedule; times are local to the recipient, <c>HH:mm</c>.</summary>
public sealed record ReminderScheduleDto(
    IReadOnlyList<int> AttorneyHearingOffsets,
    IReadOnlyList<int> AttorneyDeadlineOffsets,
    IReadOnlyList<int> ClientHearingOffsets,
    string QuietHoursStart,
    string QuietHoursEnd,
    string DeadlineReminderTime,
    bool IsDefault);

/// <summary>The caller's organisation's schedule (the default when it has none).</summary>
public sealed record GetReminderScheduleQuery : IQuery<ReminderScheduleDto>;

/// <summary>Replaces the caller's organisation's schedule; the organisation's reminders are replanned in the background.</summary>
public sealed record UpdateReminderScheduleCommand(
    IReadOnlyList<int>? AttorneyHearingOffsets,
    IReadOnlyList<int>? AttorneyDeadlineOffsets,
    IReadOnlyList<int>? ClientHearingOffsets,
    string? QuietHoursStart,
    string? QuietHoursEnd,
    string? DeadlineReminderTime) : ICommand<ReminderScheduleDto>;

public sealed class UpdateReminderScheduleValidator : AbstractValidator<UpdateReminderScheduleCommand>
{
    public const int MaxOffsets = 10;

    public UpdateReminderScheduleValidator()
    {
        RuleFor(c => c.AttorneyHearingOffsets).NotNull().Must(BeOffsets).WithMessage(OffsetsMessage);
        RuleFor(c => c.AttorneyDeadlineOffsets).NotNull().Must(BeOffsets).WithMessage(OffsetsMessage);
        RuleFor(c => c.ClientHearingOffsets).NotNull().Must(BeOffsets).WithMessage(OffsetsMessage);
        RuleFor(c => c.QuietHoursStart).NotEmpty().Must(BeTime).WithMessage(TimeMessage);
        RuleFor(c => c.QuietHoursEnd).NotEmpty().Must(BeTime).WithMessage(TimeMessage);
        RuleFor(c => c.DeadlineReminderTime).NotEmpty().Must(BeTime).WithMessage(TimeMessage)
            .Must((c, time) => !InQuietHours(c, time)).WithMessage("Deadline reminders cannot go out in quiet hours.");
    }

    private const string OffsetsMessage = "Give up to 10 different whole numbers of days before the event, each from 0 to 365.";
    private const string TimeMessage = "Use a 24-hour local time, HH:mm (e.g. 21:00).";

    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static bool BeOffsets(IReadOnlyList<int>? offsets) =>
        offsets is null || (offsets.Count <= MaxOffsets && offsets.All(o => o is >= 0 and <= 365) && offsets.Distinct().Count() == offsets.Count);

    private static bool BeTime(string? value) => string.IsNullOrEmpty(value) || TryParseTime(value, out _);

    private static bool InQuietHours(UpdateReminderScheduleCommand c, string? time) =>
        TryParseTime(c.QuietHoursStart, out var start) && TryParseTime(c.QuietHoursEnd, out var end) && TryParseTime(time, out var at)
        && ReminderSchedule.Create(Guid.Empty, [], [], [], start, end, at).IsQuiet(at);
}

public sealed class ReminderScheduleHandlers(IApplicationDbContext db, ICurrentUser user, IAuditTrail audit, IReminderReplanQueue replans)
    : IQueryHandler<GetReminderScheduleQuery, ReminderScheduleDto>,
      ICommandHandler<UpdateReminderScheduleCommand, ReminderScheduleDto>
{
    public async ValueTask<ReminderScheduleDto> Handle(GetReminderScheduleQuery query, CancellationToken cancellationToken)
    {
        var organisationId = Organisation();
        var schedule = await db.Set<ReminderSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganisationId == organisationId, cancellationToken);
        return ToDto(schedule ?? ReminderSchedule.Default, schedule is null);
    }

    public async ValueTask<ReminderScheduleDto> Handle(UpdateReminderScheduleCommand command, CancellationToken cancellationToken)
    {
        var organisationId = Organisation();
        var quietStart = ValidTime(command.QuietHoursStart);
        var quietEnd = ValidTime(command.QuietHoursEnd);
        var deadlineTime = ValidTime(command.DeadlineReminderTime);
        var schedule = await db.Set<ReminderSchedule>().FirstOrDefaultAsync(s => s.OrganisationId == organisationId, cancellationToken);
        if (schedule is null)
        {
            schedule = ReminderSchedule.Create(organisationId, command.AttorneyHearingOffsets!, command.AttorneyDeadlineOffsets!,
                command.ClientHearingOffsets!, quietStart, quietEnd, deadlineTime);
            db.Set<ReminderSchedule>().Add(schedule);
        }
        else
        {
            schedule.Change(command.AttorneyHearingOffsets!, command.AttorneyDeadlineOffsets!, command.ClientHearingOffsets!, quietStart, quietEnd,
                deadlineTime);
        }

        audit.Record("reminder-schedule.update", "Organisation", organisationId, "settings");
        await db.SaveChangesAsync(cancellationToken);
        replans.ReplanOrganisation(organisationId);
        return ToDto(schedule, false);
    }

    /// <summary>The validator has checked the format already.</summary>
    private static TimeOnly ValidTime(string? value) =>
        UpdateReminderScheduleValidator.TryParseTime(value, out var time) ? time : throw new InvalidOperationException("The time was not validated.");

    private Guid Organisation() => user.OrganisationId ?? throw new ForbiddenAccessException("Your account is not attached to an organisation.");

    private static ReminderScheduleDto ToDto(ReminderSchedule s, bool isDefault) => new([.. s.AttorneyHearingOffsets], [.. s.AttorneyDeadlineOffsets],
        [.. s.ClientHearingOffsets], Format(s.QuietHoursStart), Format(s.QuietHoursEnd), Format(s.DeadlineReminderTime), isDefault);

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
