namespace CounselConnect.Application.Reminders;

/// <summary>Settings under <c>Reminders</c> (planning and delivery; channel settings are in Infrastructure).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>IANA zone for recipients whose zone is unknown and for deadlines not tied to a hearing.</summary>
    public string DefaultTimeZone { get; set; } = "America/New_York";

    /// <summary>Attempts before a reminder is marked failed (visible to managers).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the second attempt; doubles for each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A row left 'sending' longer than this (a crashed server) goes back to pending.</summary>
    public TimeSpan SendingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows claimed at once by one dispatcher.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one delivery run keeps claiming batches before it returns.</summary>
    public TimeSpan RunBudget { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>
    /// When the recurring delivery job runs (Hangfire cron: 5 fields, or 6 with seconds first). Every minute by default.
    /// Runs whose schedule is shorter than <see cref="RunBudget"/> overlap, so several servers' workers deliver at once.
    /// </summary>
    public string DeliveryCron { get; set; } = "* * * * *";

    /// <summary>Register the recurring delivery job (turn off on web-only nodes or in tests that drive delivery themselves).</summary>
    public bool DeliveryJobEnabled { get; set; } = true;

    /// <summary>When the replan sweep runs (replans hearings and judge-set deadlines whose reminders were planned for an older version). Every 5 minutes by default; empty turns it off.</summary>
    public string ReplanSweepCron { get; set; } = "*/5 * * * *";

    /// <summary>
    /// How far ahead reminder rows are written. Planning writes the rows due within this window and a per-case plan stamp
    /// (<c>ReminderPlans</c>) for the rest; the recurring materialisation job writes later rows once they come within it.
    /// It is also how long the materialisation job may be down before a reminder is missed.
    /// </summary>
    public TimeSpan MaterialiseHorizon { get; set; } = TimeSpan.FromHours(48);

    /// <summary>When the materialisation job runs (<c>reminders:materialise</c>). Every 5 minutes by default; empty turns it off.</summary>
    public string MaterialiseCron { get; set; } = "*/5 * * * *";

    /// <summary>Cases materialised per run at most (the rest wait for the next run, earliest due first).</summary>
    public int MaterialiseMaxCases { get; set; } = 20_000;
}
