using System.Text;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Reminders;
using CounselConnect.Infrastructure.Reminders.Channels;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>The MailKit channel against a local SMTP sink, and the development outbox.</summary>
public sealed class SmtpChannelTests
{
    private static SmtpEmailChannel Channel(int port) => new(Options.Create(new ChannelOptions
    {
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = "None", FromAddress = "reminders@example.test", Timeout = TimeSpan.FromSeconds(10) },
    }));

    [Fact]
    public async Task Email_reminder_is_delivered_over_SMTP_with_a_Message_ID_derived_from_the_reminder_id()
    {
        await using var sink = new SmtpSink();
        var key = Guid.NewGuid();
        var rendered = ReminderTemplates.Hearing("spa", new HearingReminderModel("Ana", new DateTime(2027, 2, 8, 9, 0, 0), "America/New_York", "NYC",
            "Varick Street", AppearanceMode.InPerson, 1, null));
        var message = new OutgoingMessage(key, ReminderChannel.Email, "ana@example.test", rendered.Subject, rendered.Body, "spa");

        var receipt = await Channel(sink.Port).SendAsync(message, CancellationToken.None);

        var raw = Assert.Single(sink.Messages);
        var received = await MimeMessage.LoadAsync(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal($"reminder-{key:N}@example.test", received.MessageId);
        Assert.Equal("ana@example.test", received.To.Mailboxes.Single().Address);
        Assert.Equal(rendered.Subject, received.Subject);
        Assert.Contains("mañana", received.TextBody, StringComparison.Ordinal);
        Assert.Equal("spa", received.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("queued as Q1", receipt.ProviderMessageId, StringComparison.Ordinal);
        Assert.StartsWith($"reminder-{key:N}@example.test", receipt.ProviderMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_SMTP_server_is_a_retryable_delivery_failure()
    {
        int port;
        await using (var sink = new SmtpSink())
        {
            port = sink.Port;
        }

        var ex = await Assert.ThrowsAsync<NotificationDeliveryException>(() => Channel(port).SendAsync(
            new OutgoingMessage(Guid.NewGuid(), ReminderChannel.Email, "a@example.test", "s", "b", "eng"), CancellationToken.None));
        Assert.False(ex.Permanent);
        Assert.StartsWith("smtp-", ex.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_writes_one_readable_file_per_reminder_and_never_twice()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"cc-outbox-{Guid.NewGuid():N}");
        try
        {
            var outbox = new OutboxChannel(ReminderChannel.Sms, folder);
            var key = Guid.NewGuid();
            var first = await outbox.SendAsync(new OutgoingMessage(key, ReminderChannel.Sms, "+12125550100", "s", "Bonjou Ana", "hat"), CancellationToken.None);
            var second = await outbox.SendAsync(new OutgoingMessage(key, ReminderChannel.Sms, "+12125550100", "s", "changed", "hat"), CancellationToken.None);
            Assert.Equal(first, second);
            var file = Assert.Single(Directory.GetFiles(folder));
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains("Bonjou Ana", text, StringComparison.Ordinal);
            Assert.DoesNotContain("changed", text, StringComparison.Ordinal);
            Assert.Contains(key.ToString(), text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
