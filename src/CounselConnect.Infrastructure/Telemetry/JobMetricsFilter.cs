using System.Diagnostics;
using Hangfire;
using Hangfire.Server;

namespace CounselConnect.Infrastructure.Telemetry;

/// <summary>
/// A Hangfire server filter that counts and times each job performed on this node (reminder deliveries, imports,
/// report runs, token pruning) by job type and method, and wraps it in a span. Job arguments are never recorded.
/// </summary>
public sealed class JobMetricsFilter : IServerFilter
{
    private const string StartedKey = "counselconnect.started";
    private const string ActivityKey = "counselconnect.activity";
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Adds the filter to Hangfire's global filters once per process (several hosts may share one in tests).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            GlobalJobFilters.Filters.Add(new JobMetricsFilter());
            _registered = true;
        }
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
        var activity = CounselConnectTelemetry.ActivitySource.StartActivity("job " + JobName(context), ActivityKind.Internal);
        activity?.SetTag("counselconnect.job", JobName(context));
        if (activity is not null)
        {
            context.Items[ActivityKey] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = context.Exception is null ? "ok" : context.Canceled ? "canceled" : "error";
        var tags = new TagList { { "job", JobName(context) }, { "outcome", outcome } };
        CounselConnectTelemetry.Jobs.Add(1, tags);
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp)
        {
            CounselConnectTelemetry.JobDuration.Record(Stopwatch.GetElapsedTime(timestamp).TotalSeconds, tags);
        }

        if (context.Items.TryGetValue(ActivityKey, out var item) && item is Activity activity)
        {
            activity.SetTag("counselconnect.outcome", outcome);
            if (context.Exception is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception.GetType().Name);
            }

            activity.Dispose();
        }
    }

    private static string JobName(PerformContext context) =>
        context.BackgroundJob.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "unknown";
}
