using CounselConnect.Application.Reminders;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.UnitTests.Reminders;

public sealed class ReminderTemplateTests
{
    private static readonly HearingReminderModel Model = new("Ana", new DateTime(2027, 2, 8, 9, 0, 0), "America/New_York", "NYC", "Varick Street",
        AppearanceMode.InPerson, 7, null);

    [Theory]
    [InlineData("eng", "Hello Ana", "in 7 days", "9:00 AM (Eastern Time)")]
    [InlineData("spa", "Hola Ana", "en 7 días", "09:00 (hora del Este)")]
    [InlineData("hat", "Bonjou Ana", "nan 7 jou", "09:00 (lè Lès)")]
    [InlineData("por", "Olá Ana", "em 7 dias", "09:00 (horário do Leste)")]
    [InlineData("kjb", "Hello Ana", "in 7 days", "9:00 AM (Eastern Time)")]
    public void Hearing_reminder_is_in_the_language_with_first_name_date_time_with_its_zone_and_place(string language, string greeting, string when,
        string time)
    {
        var message = ReminderTemplates.Hearing(language, Model);
        Assert.StartsWith(greeting, message.Body, StringComparison.Ordinal);
        Assert.Contains(when, message.Subject, StringComparison.Ordinal);
        Assert.Contains(time, message.Body, StringComparison.Ordinal);
        Assert.Contains("Varick Street (NYC)", message.Body, StringComparison.Ordinal);
        Assert.Contains("2027", message.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/Chicago", "eng", "12:45 PM (Central Time)")]
    [InlineData("America/Los_Angeles", "spa", "12:45 (hora del Pacífico)")]
    [InlineData("Pacific/Honolulu", "por", "12:45 (horário do Havaí)")]
    [InlineData("America/Puerto_Rico", "hat", "12:45 (lè Atlantik)")]
    [InlineData("Europe/Lisbon", "eng", "12:45 PM (Europe/Lisbon)")]
    public void The_hearing_time_names_the_courts_zone_in_words_or_else_by_its_id(string zone, string language, string expected)
    {
        var message = ReminderTemplates.Hearing(language, Model with { LocalDateTime = new DateTime(2027, 2, 8, 12, 45, 0), TimeZone = zone });
        Assert.Contains(expected, message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_client_reminder_speaks_to_the_client_like_the_other_languages()
    {
        var message = ReminderTemplates.Hearing("eng", Model);
        Assert.Contains("Hello Ana: you have an immigration court hearing in 7 days", message.Body, StringComparison.Ordinal);
        Assert.Contains("if you do not go, the judge may order your deportation", message.Body, StringComparison.Ordinal);
        Assert.Contains("call your legal team", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("respondent", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_attorney_hearing_reminder_names_the_case_and_speaks_of_the_client()
    {
        var message = ReminderTemplates.Hearing("eng", Model with { FirstName = "Sam", CaseReference = "CC-2027-000001" });
        Assert.Contains("[CC-2027-000001]", message.Subject, StringComparison.Ordinal);
        Assert.Contains("the client in case CC-2027-000001 has an immigration court hearing", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("you have", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_hearing_says_so_instead_of_a_place()
    {
        var message = ReminderTemplates.Hearing("spa", Model with { Appearance = AppearanceMode.Remote });
        Assert.Contains("remota", message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Varick", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Sms_text_and_email_body_are_the_body_alone_the_email_subject_is_not_repeated_in_it()
    {
        var message = ReminderTemplates.Hearing("eng", Model);
        Assert.Equal(message.Body, ReminderTemplates.ForChannel(message, ReminderChannel.Sms));
        Assert.Equal(message.Body, ReminderTemplates.ForChannel(message, ReminderChannel.Email));
        Assert.DoesNotContain(message.Subject, ReminderTemplates.ForChannel(message, ReminderChannel.Email), StringComparison.Ordinal);
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
