using CounselConnect.Application.Reminders.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>
/// For the HTTP tests, which check planned rows of hearings weeks away: planning writes only the rows due within the
/// horizon (48 h), so these tests run the app's materialisation step with a horizon longer than any of their hearings, as
/// the recurring job does once the time comes. The horizon itself is tested in <see cref="ReminderBulkPlanningTests"/>.
/// </summary>
public static class ReminderMaterialisation
{
    public static async Task AllAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BulkReminderPlanner>().MaterialiseDueAsync(TimeSpan.FromDays(400), 100_000, CancellationToken.None);
    }
}
