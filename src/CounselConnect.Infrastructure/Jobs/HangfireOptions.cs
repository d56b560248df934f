namespace CounselConnect.Infrastructure.Jobs;

/// <summary>Settings under <c>Hangfire</c>.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Hangfire";

    /// <summary>Run a Hangfire server (job processing) in this process. Web-only nodes can turn it off.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Schema name for the PostgreSQL and SQL Server storages.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>How often idle workers look for new jobs in the SQL storages.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the server looks for due recurring and delayed jobs (Hangfire's default: 15 seconds).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);
}
