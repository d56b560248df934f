using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CounselConnect.Infrastructure.Telemetry;

/// <summary>
/// The application's own traces and metrics, under the name <see cref="Name"/> (what the OpenTelemetry set-up
/// listens to). Tags carry type names and outcomes only: never a person's data, an id of a client, or free text.
/// Instruments cost nothing while no listener is attached (OpenTelemetry off).
/// </summary>
public static class CounselConnectTelemetry
{
    public const string Name = "CounselConnect";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Use cases handled (Mediator requests), tagged <c>request</c> (type name) and <c>outcome</c>.</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "counselconnect.requests", unit: "{request}", description: "Use cases handled, by request type and outcome (conflict checks, intakes, reminder runs, reports...)");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "counselconnect.request.duration", unit: "s", description: "Time to handle one use case, by request type and outcome");

    /// <summary>Background jobs performed by this node's Hangfire server, tagged <c>job</c> (type.method) and <c>outcome</c>.</summary>
    public static readonly Counter<long> Jobs = Meter.CreateCounter<long>(
        "counselconnect.jobs", unit: "{job}", description: "Background jobs performed on this node, by job and outcome");

    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "counselconnect.job.duration", unit: "s", description: "Time to perform one background job, by job and outcome");

    /// <summary>Requests answered 503 because the database could not be reached.</summary>
    public static readonly Counter<long> DatabaseUnavailable = Meter.CreateCounter<long>(
        "counselconnect.database.unavailable", unit: "{response}", description: "Requests answered 503 because the database could not be reached");

    /// <summary>Registers an observable gauge; the callback runs only while a listener collects.</summary>
    public static ObservableGauge<long> ObserveGauge(string name, Func<long> observe, string unit, string description) =>
        Meter.CreateObservableGauge(name, observe, unit, description);
}
