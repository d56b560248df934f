using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.UnitTests.Reminders;

public sealed class ReminderTemplateTests
{
    private static readonly HearingReminderModel Model = new("Ana", new DateTime(2027, 2, 8, 9, 0, 0), "America/New_York", "NYC", "Varick Street",
        AppearanceMode.InPerson, 7, null);

    [Theory]
    [InlineData("eng", "Hello Ana", "in 7 days")]
    [InlineData("spa", "Hola Ana", "en 7 días")]
    [InlineData("hat", "Bonjou Ana", "nan 7 jou")]
    [InlineData("por", "Olá Ana", "em 7 dias")]
    [InlineData("kjb", "Hello Ana", "in 7 days")]
    public void Hearing_reminder_is_in_the_language_with_first_name_date_time_and_place(string language, string greeting, string when)
    {
        var message = ReminderTemplates.Hearing(language, Model);
        Assert.StartsWith(greeting, message.Body, StringComparison.Ordinal);
        Assert.Contains(when, message.Subject, StringComparison.Ordinal);
        Assert.Contains("09:00", message.Body, StringComparison.Ordinal);
        Assert.Contains("Varick Street (NYC)", message.Body, StringComparison.Ordinal);
        Assert.Contains("2027", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_hearing_says_so_instead_of_a_place()
    {
        var message = ReminderTemplates.Hearing("spa", Model with { Appearance = AppearanceMode.Remote });
        Assert.Contains("remota", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Varick", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_text_is_the_body_only_and_email_has_the_subject()
    {
        var message = ReminderTemplates.Hearing("eng", Model);
        Assert.Equal(message.Body, ReminderTemplates.ForChannel(message, ReminderChannel.Sms));
        Assert.StartsWith(message.Subject, ReminderTemplates.ForChannel(message, ReminderChannel.Email), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eng", "tomorrow")]
    [InlineData("spa", "mañana")]
    [InlineData("hat", "demen")]
    [InlineData("por", "amanhã")]
    public void Deadline_reminder_names_the_rule_case_and_due_date(string language, string tomorrow)
    {
        var message = ReminderTemplates.Deadline(language, new DeadlineReminderModel("Sam", "CC-2027-000001", "Filing deadline", new DateOnly(2027, 1, 11), 1));
        Assert.Contains("CC-2027-000001", message.Body, StringComparison.Ordinal);
        Assert.Contains("Filing deadline", message.Body, StringComparison.Ordinal);
        Assert.Contains(tomorrow, message.Subject, StringComparison.Ordinal);
        Assert.Contains("2027", message.Body, StringComparison.Ordinal);
    }
}
