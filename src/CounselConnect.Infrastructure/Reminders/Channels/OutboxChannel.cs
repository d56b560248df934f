using System.Text;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.Infrastructure.Reminders.Channels;

/// <summary>
/// Development channel: writes each message to <c>{outbox}/{reminder id}.{channel}.txt</c> for a developer to read.
/// Truly idempotent: a file that already exists for the key is not written again. Holds personal data (addresses and
/// first names), so it is for development and test data only.
/// </summary>
public sealed class OutboxChannel(ReminderChannel channel, string folder) : INotificationChannel
{
    public ReminderChannel Channel { get; } = channel;

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var name = $"{message.IdempotencyKey:N}.{Channel.ToString().ToLowerInvariant()}.txt";
        var path = Path.Combine(Folder, name);
        var text = new StringBuilder()
            .Append("Channel: ").AppendLine(Channel.ToString())
            .Append("To: ").AppendLine(message.To)
            .Append("Language: ").AppendLine(message.Language)
            .Append("Idempotency-Key: ").AppendLine(message.IdempotencyKey.ToString())
            .Append("Subject: ").AppendLine(message.Subject)
            .AppendLine()
            .AppendLine(message.Body)
            .ToString();
        try
        {
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already written for this key: the same message is not delivered twice.
        }

        return new DeliveryReceipt("outbox:" + name);
    }
}
