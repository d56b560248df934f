using System.Globalization;
using CounselConnect.Domain.Hearings;
using CounselConnect.Domain.Reminders;

namespace CounselConnect.Application.Reminders;

/// <summary>
/// What a hearing reminder says. No A-number, no case facts: a first name, the date, time (with the court's zone) and place.
/// <see cref="CaseReference"/> is set for attorneys only: their message names the case and speaks of the client, a client's
/// message speaks to the client.
/// </summary>
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
        var time = $"{FormatTime(lang, m.LocalDateTime)} ({ZoneName(lang, m.TimeZone)})";
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
            _ when m.CaseReference is not null => new($"Reminder: immigration hearing {when}{reference}",
                $"Hello {m.FirstName}: the client in case {m.CaseReference} has an immigration court hearing {when}, on {date} at {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "The hearing is remote (by video). " : $"Place: {place}. ") +
                "If the respondent does not appear, the judge may order removal in absentia."),
            _ => new($"Reminder: immigration hearing {when}",
                $"Hello {m.FirstName}: you have an immigration court hearing {when}, on {date} at {time}. " +
                (m.Appearance == AppearanceMode.Remote ? "The hearing is remote (by video). " : $"Place: {place}. ") +
                "Do not miss it: if you do not go, the judge may order your deportation. If you have questions, call your legal team."),
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

    /// <summary>
    /// The text sent on <paramref name="channel"/>: the body alone. An SMS has no subject; an email carries the subject in its
    /// own header, so the body does not repeat it.
    /// </summary>
    public static string ForChannel(RenderedMessage message, ReminderChannel channel) => channel switch
    {
        ReminderChannel.Email or ReminderChannel.Sms => message.Body,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No reminder text for this channel."),
    };

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

    /// <summary>A clock time as people of the language write it: 12-hour with AM/PM in English, 24-hour elsewhere.</summary>
    private static string FormatTime(string lang, DateTime local) => lang == English
        ? local.ToString("h:mm tt", CultureInfo.GetCultureInfo("en-US"))
        : local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zone of the court in words a client knows ("Eastern Time"), for the zones of US immigration courts; any other zone
    /// by its IANA id.
    /// </summary>
    private static string ZoneName(string lang, string timeZoneId)
    {
        var zone = UsZones.GetValueOrDefault(timeZoneId);
        return (lang, zone) switch
        {
            (_, null) => timeZoneId,
            ("spa", var z) => z switch
            {
                "Eastern" => "hora del Este", "Central" => "hora del Centro", "Mountain" => "hora de la Montaña",
                "Pacific" => "hora del Pacífico", "Alaska" => "hora de Alaska", "Hawaii" => "hora de Hawái",
                "Atlantic" => "hora del Atlántico", _ => "hora de Chamorro",
            },
            ("hat", var z) => z switch
            {
                "Eastern" => "lè Lès", "Central" => "lè Santral", "Mountain" => "lè Mòn", "Pacific" => "lè Pasifik",
                "Alaska" => "lè Alaska", "Hawaii" => "lè Awayi", "Atlantic" => "lè Atlantik", _ => "lè Chamorro",
            },
            ("por", var z) => z switch
            {
                "Eastern" => "horário do Leste", "Central" => "horário Central", "Mountain" => "horário das Montanhas",
                "Pacific" => "horário do Pacífico", "Alaska" => "horário do Alasca", "Hawaii" => "horário do Havaí",
                "Atlantic" => "horário do Atlântico", _ => "horário de Chamorro",
            },
            (_, var z) => z + " Time",
        };
    }

    /// <summary>IANA zones of US immigration courts and hearing locations, by the name of their US time zone.</summary>
    private static readonly Dictionary<string, string> UsZones = new(StringComparer.Ordinal)
    {
        ["America/New_York"] = "Eastern", ["America/Detroit"] = "Eastern", ["America/Indiana/Indianapolis"] = "Eastern",
        ["America/Kentucky/Louisville"] = "Eastern", ["US/Eastern"] = "Eastern",
        ["America/Chicago"] = "Central", ["America/Indiana/Knox"] = "Central", ["America/Menominee"] = "Central", ["US/Central"] = "Central",
        ["America/Denver"] = "Mountain", ["America/Phoenix"] = "Mountain", ["America/Boise"] = "Mountain", ["US/Mountain"] = "Mountain",
        ["US/Arizona"] = "Mountain",
        ["America/Los_Angeles"] = "Pacific", ["US/Pacific"] = "Pacific",
        ["America/Anchorage"] = "Alaska", ["America/Juneau"] = "Alaska", ["US/Alaska"] = "Alaska",
        ["Pacific/Honolulu"] = "Hawaii", ["US/Hawaii"] = "Hawaii",
        ["America/Puerto_Rico"] = "Atlantic", ["America/St_Thomas"] = "Atlantic",
        ["Pacific/Guam"] = "Chamorro", ["Pacific/Saipan"] = "Chamorro",
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
