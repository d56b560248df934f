using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;
using System.Collections.Concurrent;
using System.Diagnostics;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CounselConnect.Infrastructure.Reminders.Channels;

/// <summary>
/// Email over SMTP with MailKit. The Message-ID is derived from the reminder id, so a message sent twice after a
/// crash (SMTP has no idempotency: at least once) carries the same Message-ID and can be recognised as a duplicate.
/// </summary>
public sealed class SmtpEmailChannel(IOptions<ChannelOptions> options) : INotificationChannel, IDisposable
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    /// <summary>Connected, authenticated clients left by earlier sends (a client serves one send at a time).</summary>
    private readonly ConcurrentBag<(SmtpClient Client, long ReturnedAt)> _idle = [];

    public ReminderChannel Channel => ReminderChannel.Email;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(_smtp.Host))
        {
            throw new NotificationDeliveryException("smtp-not-configured", permanent: false);
        }

        if (!MailboxAddress.TryParse(message.To, out var to))
        {
            throw new NotificationDeliveryException("invalid-address", permanent: true);
        }

        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(_smtp.FromName, _smtp.FromAddress));
        mime.To.Add(to);
        mime.Subject = message.Subject;
        var domain = _smtp.FromAddress.Contains('@', StringComparison.Ordinal) ? _smtp.FromAddress[(_smtp.FromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..] : "localhost";
        mime.MessageId = $"reminder-{message.IdempotencyKey:N}@{domain}";
        var body = new TextPart("plain") { Text = message.Body };
        body.Headers.Add(HeaderId.ContentLanguage, message.Language);
        mime.Body = body;

        SmtpClient? client = null;
        try
        {
            client = await RentAsync(cancellationToken);
            var response = await client.SendAsync(mime, cancellationToken);
            Return(client);
            client = null;
            return new DeliveryReceipt(string.IsNullOrWhiteSpace(response) ? mime.MessageId : $"{mime.MessageId} {response.Trim()}");
        }
        catch (SmtpCommandException ex)
        {
            // 5xx replies for a recipient are permanent; everything else may pass on a later attempt.
            var permanent = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500;
            throw new NotificationDeliveryException($"smtp-{(int)ex.StatusCode}", permanent, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or AuthenticationException
            or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new NotificationDeliveryException("smtp-" + ex.GetType().Name, permanent: false, ex);
        }
        finally
        {
            // A connection that failed (or whose send was cancelled) is in an unknown state: never reused.
            client?.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle))
        {
            idle.Client.Dispose();
        }
    }

    /// <summary>An idle connection younger than <see cref="SmtpOptions.IdleTimeout"/>, or a new one.</summary>
    private async Task<SmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && Stopwatch.GetElapsedTime(idle.ReturnedAt) < _smtp.IdleTimeout)
            {
                return idle.Client;
            }

            idle.Client.Dispose();
        }

        var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(_smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
            await client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        if (_smtp.ReuseConnections && client.IsConnected)
        {
            _idle.Add((client, Stopwatch.GetTimestamp()));
        }
        else
        {
            client.Dispose();
        }
    }
}
