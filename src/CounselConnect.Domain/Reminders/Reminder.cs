using CounselConnect.Domain.Common;

namespace CounselConnect.Domain.Reminders;

/// <summary>
/// One reminder to send: the source of truth for delivery (Hangfire only wakes the dispatcher up). Unique per
/// (<see cref="TargetKey"/>, <see cref="OffsetDays"/>, <see cref="RecipientKind"/>, <see cref="RecipientId"/>,
/// <see cref="Channel"/>). The target key carries the hearing's version, so a rescheduled hearing gets new rows and the
/// old ones stay as history. Holds ids only: addresses and names are looked up when the message is sent.
/// Status changes after creation are made with set-based updates that carry a status precondition (see the dispatcher).
/// </summary>
public sealed class Reminder : Entity
{
    public const int TargetKeyMaxLength = 160;
    public const int LabelMaxLength = 200;

    private Reminder()
    {
        TargetKey = string.Empty;
        Language = "eng";
    }

    public Guid OrganisationId { get; private set; }

    public Guid CaseId { get; private set; }

    public ReminderTargetKind TargetKind { get; private set; }

    /// <summary>The hearing id (hearing reminders and deadlines computed from a hearing) or the judge-set deadline id.</summary>
    public Guid TargetId { get; private set; }

    /// <summary>e.g. <c>hearing:{id}:v2</c>, <c>deadline:{ruleId}:{hearingId}:v2</c>, <c>deadline:judge-set:{id}</c>.</summary>
    public string TargetKey { get; private set; }

    /// <summary>Days before the event (the reminder kind).</summary>
    public int OffsetDays { get; private set; }

    public RecipientKind RecipientKind { get; private set; }

    /// <summary>The attorney's user id, or the <see cref="ClientContact"/> id.</summary>
    public Guid RecipientId { get; private set; }

    public ReminderChannel Channel { get; private set; }

    /// <summary>ISO 639-3 code of the template language (already resolved: unsupported languages fall back to eng).</summary>
    public string Language { get; private set; }

    /// <summary>When the hearing starts, or the deadline's due date at midnight UTC for deadline reminders.</summary>
    public DateTime EventAtUtc { get; private set; }

    /// <summary>For deadlines: the due date and the rule's name (no personal data).</summary>
    public DateOnly? DueDate { get; private set; }

    public string? Label { get; private set; }

    /// <summary>When the reminder should go out (already moved out of quiet hours).</summary>
    public DateTime ScheduledForUtc { get; private set; }

    /// <summary>When the dispatcher may next try it (the scheduled time, later the backoff time).</summary>
    public DateTime NextAttemptAtUtc { get; private set; }

    public ReminderStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? ClaimedBy { get; private set; }

    public DateTime? ClaimedAtUtc { get; private set; }

    /// <summary>Set by each claim; a later update must present it, so a row reclaimed after a timeout is not finished twice.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string? ProviderMessageId { get; private set; }

    /// <summary>The last delivery error (a provider code or exception type; never message content).</summary>
    public string? LastError { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    /// <summary>The unique identity of the row as a value, for comparing plans.</summary>
    public ReminderKey Key => new(TargetKey, OffsetDays, RecipientKind, RecipientId, Channel);

    public static Reminder Plan(Guid organisationId, Guid caseId, ReminderTargetKind targetKind, Guid targetId, string targetKey,
        int offsetDays, RecipientKind recipientKind, Guid recipientId, ReminderChannel channel, string language, DateTime eventAtUtc,
        DateOnly? dueDate, string? label, DateTime scheduledForUtc, DateTime nowUtc)
    {
        CheckRule(string.IsNullOrWhiteSpace(targetKey) || targetKey.Length > TargetKeyMaxLength, "ReminderTargetKey", "A reminder needs a target key.");
        CheckRule(offsetDays < 0, "ReminderOffsetNegative", "Reminders are sent before the event.");
        return new Reminder
        {
            OrganisationId = organisationId,
            CaseId = caseId,
            TargetKind = targetKind,
            TargetId = targetId,
            TargetKey = targetKey,
            OffsetDays = offsetDays,
            RecipientKind = recipientKind,
            RecipientId = recipientId,
            Channel = channel,
            Language = language,
            EventAtUtc = DateTime.SpecifyKind(eventAtUtc, DateTimeKind.Utc),
            DueDate = dueDate,
            Label = label is { Length: > LabelMaxLength } ? label[..LabelMaxLength] : label,
            ScheduledForUtc = DateTime.SpecifyKind(scheduledForUtc, DateTimeKind.Utc),
            NextAttemptAtUtc = DateTime.SpecifyKind(scheduledForUtc, DateTimeKind.Utc),
            Status = ReminderStatus.Pending,
            CreatedAtUtc = nowUtc,
        };
    }

    /// <summary>Error code of a reminder recorded as missed: its send time and its event both passed while materialisation was down.</summary>
    public const string MissedEventPassed = "missed-event-passed";

    /// <summary>Error code of a reminder recorded as missed: it fell due while materialisation was down, and a later reminder of the same
    /// target, recipient and channel was sent late in its place.</summary>
    public const string MissedSuperseded = "missed-superseded";

    /// <summary>
    /// A planned (not yet stored) row as a missed one: <see cref="ReminderStatus.Failed"/> with the reason <paramref name="code"/>,
    /// never attempted, so it is listed with the failed reminders and its key is taken (it is never sent afterwards).
    /// </summary>
    /// <param name="dueUtc">When it should have gone out, if not its current send time.</param>
    public Reminder AsMissed(string code, DateTime? dueUtc = null)
    {
        CheckRule(Status != ReminderStatus.Pending || Attempts != 0, "ReminderMissedAfterAttempt", "Only a reminder never attempted can be recorded as missed.");
        var missed = (Reminder)MemberwiseClone();
        missed.Status = ReminderStatus.Failed;
        missed.LastError = code;
        if (dueUtc is { } due)
        {
            missed.ScheduledForUtc = missed.NextAttemptAtUtc = DateTime.SpecifyKind(due, DateTimeKind.Utc);
        }

        return missed;
    }

    /// <summary>Backoff before attempt <paramref name="attempts"/> + 1: base × 2^(attempts − 1), capped.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan baseDelay, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, max.Ticks));
        return delay;
    }
}

/// <summary>The unique key of a reminder row.</summary>
public readonly record struct ReminderKey(string TargetKey, int OffsetDays, RecipientKind RecipientKind, Guid RecipientId, ReminderChannel Channel);
