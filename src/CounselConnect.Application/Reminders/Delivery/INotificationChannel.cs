using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders.Delivery;

/// <summary>A message ready to go. <see cref="IdempotencyKey"/> is the reminder row's id.</summary>
public sealed record OutgoingMessage(Guid IdempotencyKey, ReminderChannel Channel, string To, string Subject, string Body, string Language);

/// <summary>What the provider said: its id for the message.</summary>
public sealed record DeliveryReceipt(string ProviderMessageId);

/// <summary>Sends on one channel (email or SMS). Throws <see cref="NotificationDeliveryException"/> on failure.</summary>
public interface INotificationChannel
{
    ReminderChannel Channel { get; }

    /// <summary>Sends once per <see cref="OutgoingMessage.IdempotencyKey"/> where the provider supports it.</summary>
    Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>A delivery failed. <see cref="Code"/> is a short provider code, never message content or an address.</summary>
public sealed class NotificationDeliveryException(string code, bool permanent, Exception? inner = null)
    : Exception($"Delivery failed: {code}", inner)
{
    public string Code { get; } = code;

    /// <summary>Retrying cannot help (e.g. an invalid number): the row is failed at once.</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>
/// What a claimed reminder turned into: a message; or no message and a <paramref name="PermanentError"/> code (e.g. the
/// attorney no longer exists); or neither, when it must not be sent any more (stale, or consent withdrawn).
/// </summary>
public sealed record ComposedReminder(OutgoingMessage? Message, string? PermanentError = null)
{
    public static readonly ComposedReminder Stale = new(Message: null);
}

/// <summary>Builds the messages for a batch of claimed reminders, with one look-up per kind of data for the whole batch.</summary>
public interface IReminderMessageComposer
{
    /// <summary>One entry per reminder id, looked up now (so a changed address or a reschedule is seen).</summary>
    Task<IReadOnlyDictionary<Guid, ComposedReminder>> ComposeAsync(IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken);
}
