using System.Globalization;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders;

/// <summary>What a hearing reminder says. No A-number, no case facts: a first name, the date, time and place.</summary>
public sealed record HearingReminderModel(string FirstName, DateTime LocalDateTime, string TimeZone, string CourtCode, string? Location,
    AppearanceMode Appearance, int DaysBefore, string? CaseReference);

/// <summary>What a deadline reminder says (attorneys only): the case reference, what is due and when.</summary>
public sealed record DeadlineReminderModel(string FirstName, string CaseReference, string What, DateOnly DueDate, int DaysBefore);

public sealed record RenderedMessage(string Subject, string Body);

/// <summary>
/// Message templates in English, Spanish, Haitian Creole and Portuguese (ISO 639-3 eng, spa, hat, por). Any other
/// language falls back to English. Translations should be reviewed by a native speaker before production use.
/// </summary>
public static class ReminderTemplates
{
    public const string English = "eng";

    public static readonly IReadOnlyList<string> Languages = ["eng", "spa", "hat", "por"];

    /// <summary>The template language for <paramref name="language"/>: itself when supported, else English.</summary>
    public static string Resolve(string? language)
    {
        var code = language?.Trim().ToLowerInvariant();
        return code is not null && Languages.Contains(code) ? code : English;
    }

    public static RenderedMessage Hearing(string language, HearingReminderModel m)
    {
        var lang = Resolve(language);
        var date = FormatDate(lang, DateOnly.FromDateTime(m.LocalDateTime));
        var time = m.LocalDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var place = m.Location is null ? m.CourtCode : $"{m.Location} ({m.CourtCode})";
        var when = WhenText(lang, m.DaysBefore);
        var reference = m.CaseReference is null ? string.Empty : $" [{m.CaseReference}]";
        return lang switch
        {
            "spa" => new($"Recordatorio: audiencia de inmigración {when}{reference}",
                $"Hola {m.FirstName}: tiene una audiencia en la corte de inmigración {when}, el {date} a las {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "La audiencia es remota (por video). " : $"Lugar: {place}. ") +
                "No falte: si no se presenta, el juez puede ordenar su deportación. Si tiene preguntas, llame a su equipo legal."),
            "hat" => new($"Rapèl: odyans imigrasyon {when}{reference}",
                $"Bonjou {m.FirstName}: ou gen yon odyans nan tribinal imigrasyon {when}, {date} a {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "Odyans lan fèt a distans (pa videyo). " : $"Kote: {place}. ") +
                "Pa rate l: si ou pa vini, jij la ka bay lòd pou yo depòte w. Si ou gen kesyon, rele ekip legal ou."),
            "por" => new($"Lembrete: audiência de imigração {when}{reference}",
                $"Olá {m.FirstName}: você tem uma audiência no tribunal de imigração {when}, {date} às {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "A audiência é remota (por vídeo). " : $"Local: {place}. ") +
                "Não falte: se você não comparecer, o juiz pode ordenar a sua deportação. Em caso de dúvidas, ligue para a sua equipe jurídica."),
            _ => new($"Reminder: immigration hearing {when}{reference}",
                $"Hello {m.FirstName}: there is an immigration court hearing {when}, on {date} at {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "The hearing is remote (by video). " : $"Place: {place}. ") +
                "Do not miss it: if the respondent does not appear, the judge may order removal. Questions: call the legal team."),
        };
    }

    public static RenderedMessage Deadline(string language, DeadlineReminderModel m)
    {
        var lang = Resolve(language);
        var date = FormatDate(lang, m.DueDate);
        var when = WhenText(lang, m.DaysBefore);
        return lang switch
        {
            "spa" => new($"Recordatorio: plazo {when} [{m.CaseReference}]",
                $"Hola {m.FirstName}: el plazo \"{m.What}\" del caso {m.CaseReference} vence {when}, el {date} (fecha de recepción por la corte)."),
            "hat" => new($"Rapèl: dat limit {when} [{m.CaseReference}]",
                $"Bonjou {m.FirstName}: dat limit \"{m.What}\" pou dosye {m.CaseReference} la {when}, {date} (dat tribinal la resevwa l)."),
            "por" => new($"Lembrete: prazo {when} [{m.CaseReference}]",
                $"Olá {m.FirstName}: o prazo \"{m.What}\" do caso {m.CaseReference} vence {when}, {date} (data de recebimento pelo tribunal)."),
            _ => new($"Reminder: deadline {when} [{m.CaseReference}]",
                $"Hello {m.FirstName}: the deadline \"{m.What}\" in case {m.CaseReference} is due {when}, on {date} (date the court must receive it)."),
        };
    }

    /// <summary>The text of an SMS: the body alone, no subject.</summary>
    public static string ForChannel(RenderedMessage message, ReminderChannel channel) =>
        channel == ReminderChannel.Sms ? message.Body : message.Subject + "\n\n" + message.Body;

    private static string WhenText(string lang, int days) => (lang, days) switch
    {
        ("spa", 0) => "hoy",
        ("spa", 1) => "mañana",
        ("spa", _) => $"en {days} días",
        ("hat", 0) => "jodi a",
        ("hat", 1) => "demen",
        ("hat", _) => $"nan {days} jou",
        ("por", 0) => "hoje",
        ("por", 1) => "amanhã",
        ("por", _) => $"em {days} dias",
        (_, 0) => "today",
        (_, 1) => "tomorrow",
        _ => $"in {days} days",
    };

    /// <summary>Day names in the language where the platform has them; Haitian Creole gets a numeric date (day/month/year).</summary>
    private static string FormatDate(string lang, DateOnly date) => lang switch
    {
        "spa" => date.ToString("dddd d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("es-US")),
        "por" => date.ToString("dddd, d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo("pt-BR")),
        "hat" => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => date.ToString("dddd, MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US")),
    };
}
