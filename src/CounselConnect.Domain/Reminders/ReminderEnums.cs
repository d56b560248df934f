namespace CounselConnect.Domain.Reminders;

public enum ReminderTargetKind
{
    Hearing = 1,
    Deadline = 2,
}

public enum RecipientKind
{
    Attorney = 1,
    Client = 2,
}

public enum ReminderChannel
{
    Email = 1,
    Sms = 2,
}

/// <summary>pending → sending → sent; sending → pending (retry or reconciliation) or failed; pending → cancelled.</summary>
public enum ReminderStatus
{
    Pending = 1,
    Sending = 2,
    Sent = 3,
    Failed = 4,
    Cancelled = 5,

    /// <summary>Never stored: a reminder of the case's plan that has no row yet (due after the materialisation horizon), as the case view lists it.</summary>
    Planned = 6,
}
