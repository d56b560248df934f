using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Domain.Reminders;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Reminders.Channels;

/// <summary>An SMS provider. <paramref name="idempotencyKey"/> is the reminder id (passed on where the provider supports it).</summary>
public interface ISmsProvider
{
    Task<string> SendAsync(string to, string body, Guid idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>The SMS channel: hands the message to the configured <see cref="ISmsProvider"/>.</summary>
public sealed class SmsChannel(ISmsProvider provider) : INotificationChannel
{
    public ReminderChannel Channel => ReminderChannel.Sms;

    public async Task<DeliveryReceipt> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DeliveryReceipt(await provider.SendAsync(message.To, message.Body, message.IdempotencyKey, cancellationToken));
    }
}

/// <summary>
/// Twilio's Messages REST resource over HttpClient: POST {BaseAddress}/Accounts/{AccountSid}/Messages.json with basic
/// authentication and a form body (To, From or MessagingServiceSid, Body); the response's <c>sid</c> is the provider
/// message id. Twilio's Messages API documents no idempotency key, so a resend after a crash can duplicate (at least once).
/// </summary>
public sealed class TwilioSmsProvider(HttpClient http, IOptions<ChannelOptions> options) : ISmsProvider
{
    private readonly TwilioOptions _twilio = options.Value.Twilio;

    public async Task<string> SendAsync(string to, string body, Guid idempotencyKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_twilio.AccountSid) || string.IsNullOrWhiteSpace(_twilio.AuthToken) || _twilio.BaseAddress is null
            || (string.IsNullOrWhiteSpace(_twilio.FromNumber) && string.IsNullOrWhiteSpace(_twilio.MessagingServiceSid)))
        {
            throw new NotificationDeliveryException("twilio-not-configured", permanent: false);
        }

        var form = new List<KeyValuePair<string, string>> { new("To", to), new("Body", body) };
        form.Add(string.IsNullOrWhiteSpace(_twilio.MessagingServiceSid)
            ? new("From", _twilio.FromNumber!)
            : new("MessagingServiceSid", _twilio.MessagingServiceSid));
        var address = new Uri(_twilio.BaseAddress.ToString().TrimEnd('/') + $"/Accounts/{Uri.EscapeDataString(_twilio.AccountSid)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_twilio.AccountSid}:{_twilio.AuthToken}")));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationDeliveryException("twilio-unreachable", permanent: false, ex);
        }

        using (response)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            if (response.IsSuccessStatusCode && json.RootElement.TryGetProperty("sid", out var sid) && sid.GetString() is { } id)
            {
                return id;
            }

            var code = json.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
            var status = (int)response.StatusCode;

            // 4xx (other than 429) means the request itself is wrong (e.g. an invalid number): retrying cannot help.
            throw new NotificationDeliveryException($"twilio-{status}-{code}", permanent: status is >= 400 and < 500 and not 429);
        }
    }
}
