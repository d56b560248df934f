using CounselConnect.Application.Hearings;
using CounselConnect.Application.Reminders;
using CounselConnect.Application.Reminders.Delivery;
using CounselConnect.Application.Reminders.Planning;
using CounselConnect.Domain.Reminders;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Reminders.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CounselConnect.Infrastructure.Reminders;

public static class ReminderRegistration
{
    /// <summary>Hearings, deadlines and reminders: planning, delivery, channels (settings <c>Reminders</c>) and the recurring job.</summary>
    public static IServiceCollection AddCounselConnectReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.Configure<ChannelOptions>(configuration.GetSection(ChannelOptions.Section));
        var channels = configuration.GetSection(ChannelOptions.Section).Get<ChannelOptions>() ?? new ChannelOptions();

        services.AddScoped<ICaseAccess, CaseAccess>();
        services.AddScoped<IReminderRecipientDirectory, ReminderRecipientDirectory>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<IReminderRowStore, ReminderRowStore>();
        services.AddScoped<BulkReminderPlanner>();
        services.AddScoped<IReminderMessageComposer, ReminderMessageComposer>();
        services.AddScoped<ReminderDispatcher>();

        if (channels.UseSmtp)
        {
            services.AddSingleton<INotificationChannel, SmtpEmailChannel>();
        }
        else
        {
            services.AddSingleton<INotificationChannel>(sp =>
                new OutboxChannel(ReminderChannel.Email, sp.GetRequiredService<IOptions<ChannelOptions>>().Value.OutboxPath));
        }

        if (channels.UseTwilio)
        {
            services.AddHttpClient<ISmsProvider, TwilioSmsProvider>();
            services.AddScoped<INotificationChannel, SmsChannel>();
        }
        else
        {
            services.AddSingleton<INotificationChannel>(sp =>
                new OutboxChannel(ReminderChannel.Sms, sp.GetRequiredService<IOptions<ChannelOptions>>().Value.OutboxPath));
        }

        services.AddSingleton<IReminderReplanQueue, ReminderReplanQueue>();
        services.AddSingleton<AssignmentReplanInterceptor>();
        services.ConfigureDbContext<AppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AssignmentReplanInterceptor>()));
        services.AddHostedService<ReminderJobsRegistration>();
        return services;
    }
}
