using CounselConnect.Application.Conflicts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CounselConnect.Infrastructure.Telemetry;

/// <summary>Infrastructure's part of telemetry: the Hangfire job filter and the conflict-index gauge.</summary>
public static class TelemetryRegistration
{
    public static IServiceCollection AddCounselConnectInfrastructureTelemetry(this IServiceCollection services)
    {
        JobMetricsFilter.EnsureRegistered();
        services.AddHostedService<ConflictIndexGauge>();
        return services;
    }

    /// <summary>Publishes how far this node's in-memory conflict index has read the change feed.</summary>
    private sealed class ConflictIndexGauge(ConflictIndexCache cache) : IHostedService
    {
        private static readonly Lock Gate = new();
        private static bool _created;
        private static ConflictIndexCache? _current;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            lock (Gate)
            {
                // One gauge per process; it reads the most recently started host's cache (one host outside tests).
                _current = cache;
                if (!_created)
                {
                    CounselConnectTelemetry.ObserveGauge(
                        "counselconnect.conflict_index.applied_sequence",
                        () => Volatile.Read(ref _current)?.AppliedSequence ?? 0,
                        unit: "{change}",
                        description: "Last party change applied to this node's conflict index; compare nodes to see lag");
                    _created = true;
                }
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
