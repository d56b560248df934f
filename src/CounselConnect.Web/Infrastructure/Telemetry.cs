using System.Diagnostics;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Domain.Common;
using CounselConnect.Infrastructure.Telemetry;
using FluentValidation;
using Mediator;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CounselConnect.Web.Infrastructure;

/// <summary>Settings under <c>OpenTelemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "OpenTelemetry";

    /// <summary>OTLP collector address (e.g. <c>http://otel-collector:4317</c>). Unset and no
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> in the environment: nothing is exported and the SDK is not loaded.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The <c>service.name</c> resource attribute.</summary>
    public string ServiceName { get; set; } = "counselconnect";

    /// <summary>Also export logs by OTLP (they stay on the console too).</summary>
    public bool ExportLogs { get; set; } = true;
}

/// <summary>
/// OpenTelemetry traces, metrics and logs, exported by OTLP when configured. What is recorded keeps personal data
/// out: request spans carry the route template, not the path (a calendar link's secret, an id in the path);
/// query strings are redacted; EF Core spans carry the parameterised SQL text, never parameter values.
/// </summary>
public static class Telemetry
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddCounselConnectTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(UseCaseMetricsBehaviour<,>));
        builder.Services.AddCounselConnectInfrastructureTelemetry();

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpEndpoint is { IsAbsoluteUri: false })
        {
            options.OtlpEndpoint = null; // an empty setting (OpenTelemetry__OtlpEndpoint= in a compose file) means off
        }

        var fromEnvironment = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        if (options.OtlpEndpoint is null && !fromEnvironment)
        {
            return builder;
        }

        void Otlp(OtlpExporterOptions o)
        {
            // With only the standard variable set, the exporter reads OTEL_EXPORTER_OTLP_* itself.
            if (options.OtlpEndpoint is not null)
            {
                o.Endpoint = options.OtlpEndpoint;
                o.Protocol = options.Protocol;
            }
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(t => t
                .AddSource(CounselConnectTelemetry.Name)
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);
                    o.EnrichWithHttpResponse = (activity, response) => activity.SetTag("url.path", RouteOf(response.HttpContext));
                    o.RecordException = false;
                })
                .AddHttpClientInstrumentation(o => o.RecordException = false)
                .AddEntityFrameworkCoreInstrumentation(o => o.EnrichWithIDbCommand = (activity, _) => DropParameterValues(activity))
                .AddOtlpExporter(Otlp))
            .WithMetrics(m => m
                .AddMeter(CounselConnectTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(Otlp));
        if (options.ExportLogs)
        {
            telemetry.WithLogging(l => l.AddOtlpExporter(Otlp), o => o.IncludeFormattedMessage = false);
        }

        return builder;
    }

    /// <summary>Parameter values are off by default (an experimental variable turns them on); this keeps them off.</summary>
    private static void DropParameterValues(Activity activity)
    {
        var names = activity.TagObjects.Select(t => t.Key).Where(k => k.StartsWith("db.query.parameter.", StringComparison.Ordinal)).ToList();
        foreach (var name in names)
        {
            activity.SetTag(name, null);
        }
    }

    /// <summary>The matched route template (e.g. <c>/calendar/{secret}.ics</c>), never the path that was sent. After an
    /// exception the handler has cleared the endpoint; the original is kept in the exception feature.</summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint route
            ? "/" + route.RoutePattern.RawText?.TrimStart('/')
            : "(unmatched)";
}

/// <summary>Counts and times every use case (Mediator request) by type name and outcome, in a span of its own.</summary>
public sealed class UseCaseMetricsBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = CounselConnectTelemetry.ActivitySource.StartActivity("use case " + RequestName, ActivityKind.Internal);
        var outcome = "ok";
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            outcome = ex switch
            {
                ValidationException => "invalid",
                NotFoundException => "not_found",
                ForbiddenAccessException => "forbidden",
                BusinessRuleException => "rule",
                OperationCanceledException => "canceled",
                _ => "error",
            };
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            var tags = new TagList { { "request", RequestName }, { "outcome", outcome } };
            CounselConnectTelemetry.Requests.Add(1, tags);
            CounselConnectTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            activity?.SetTag("counselconnect.outcome", outcome);
        }
    }
}
