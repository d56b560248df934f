using System.Net;
using CounselConnect.Application.Common.Security;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Reminders;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Reminders;

/// <summary>The Hangfire dashboard lists the recurring reminder jobs to administrators, and to nobody else.</summary>
public sealed class HangfireDashboardTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private const string Password = "Dashboard-Test-2026!";

    [Fact]
    public async Task An_administrator_sees_the_recurring_reminder_jobs()
    {
        using var browser = await SignedInAsync(Roles.Administrator);
        using var response = await browser.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(DeliverRemindersJob.Id, page, StringComparison.Ordinal);
        Assert.Contains(ReplanSweepJob.Id, page, StringComparison.Ordinal);
        Assert.Contains(MaterialiseRemindersJob.Id, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.IntakeStaff)]
    [InlineData(Roles.Attorney)]
    [InlineData(Roles.ProgramManager)]
    public async Task Every_other_role_is_refused(string role)
    {
        using var browser = await SignedInAsync(role);
        foreach (var path in new[] { "/hangfire", "/hangfire/recurring" })
        {
            using var response = await browser.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
                $"{role} on {path}: {(int)response.StatusCode} {response.Headers.Location}");
            Assert.DoesNotContain(DeliverRemindersJob.Id, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in()
    {
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await browser.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"dash-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var template = await users.FindByEmailAsync($"manager@{Seeder.DemoEmailDomain}");
            var user = new ApplicationUser { UserName = email, Email = email, DisplayName = "Dashboard test", OrganisationId = template!.OrganisationId };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return await AuthorizationCodeFlow.SignInToPagesAsync(factory, email, Password);
    }
}
