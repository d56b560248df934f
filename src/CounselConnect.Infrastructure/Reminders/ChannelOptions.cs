namespace CounselConnect.Infrastructure.Reminders;

/// <summary>Settings under <c>Reminders:Channels</c>.</summary>
public sealed class ChannelOptions
{
    public const string Section = "Reminders:Channels";

    /// <summary>Smtp or Outbox. Empty: Smtp when <see cref="SmtpOptions.Host"/> is set, else Outbox.</summary>
    public string? Email { get; set; }

    /// <summary>Twilio or Outbox. Empty: Twilio when <see cref="TwilioOptions.AccountSid"/> is set, else Outbox.</summary>
    public string? Sms { get; set; }

    /// <summary>Folder of the development outbox (one text file per message). Relative to the working directory.</summary>
    public string OutboxPath { get; set; } = Path.Combine("data", "outbox");

    public SmtpOptions Smtp { get; set; } = new();

    public TwilioOptions Twilio { get; set; } = new();

    public bool UseSmtp => string.Equals(Email, "Smtp", StringComparison.OrdinalIgnoreCase)
        || (string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Smtp.Host));

    public bool UseTwilio => string.Equals(Sms, "Twilio", StringComparison.OrdinalIgnoreCase)
        || (string.IsNullOrWhiteSpace(Sms) && !string.IsNullOrWhiteSpace(Twilio.AccountSid));
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "reminders@localhost";

    public string FromName { get; set; } = "CounselConnect";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Keep connections open between messages (one message at a time per connection) instead of one per message.</summary>
    public bool ReuseConnections { get; set; } = true;

    /// <summary>An idle connection older than this is closed rather than reused (servers drop idle clients after a while).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164, or leave empty and set <see cref="MessagingServiceSid"/>.</summary>
    public string? FromNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>The REST API base address including the version path (must be set when Twilio is used).</summary>
    public Uri? BaseAddress { get; set; }
}
