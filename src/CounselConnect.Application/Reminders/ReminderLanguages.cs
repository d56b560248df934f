using System.Collections.Frozen;
using System.Globalization;

namespace CounselConnect.Application.Reminders;

/// <summary>
/// Which three-letter codes this service knows to name a language: the ISO 639-2/639-3 code of every neutral culture the platform knows
/// (<see cref="CultureInfo.ThreeLetterISOLanguageName"/>), plus the languages often heard in immigration court that the
/// platform has no culture for (shared/domain.md: Haitian Creole, Mandarin, Mam, K'iche', Q'anjob'al). A known language need
/// not have reminder templates: <see cref="ReminderTemplates.Resolve"/> says which language reminders actually go out in.
/// </summary>
public static class ReminderLanguages
{
    private static readonly string[] CourtLanguages = ["eng", "spa", "por", "hat", "cmn", "pan", "ara", "rus", "ukr", "vie", "mam", "quc", "kjb"];

    private static readonly FrozenSet<string> Known = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Where(c => !string.IsNullOrEmpty(c.Name))
        .Select(c => c.ThreeLetterISOLanguageName.ToLowerInvariant())
        .Where(code => code.Length == 3)
        .Concat(CourtLanguages)
        .Concat(ReminderTemplates.Languages)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="code"/> (any case, no spaces around) is the code of a language this service knows. Not a
    /// validation rule: real languages are missing from this set, so an unknown code is kept and only flagged.
    /// </summary>
    public static bool IsKnown(string? code) => code is not null && Known.Contains(code.Trim());

    /// <summary>
    /// What to tell the person who set <paramref name="preferredLanguage"/> when reminders cannot be written in it (in English,
    /// like every API message); null when they can.
    /// </summary>
    public static string? FallbackNotice(string preferredLanguage)
    {
        var code = preferredLanguage.Trim().ToLowerInvariant();
        if (ReminderTemplates.Resolve(code) == code)
        {
            return null;
        }

        var check = IsKnown(code) ? string.Empty : $"'{code}' is not a language code this service knows: check it. ";
        return check + $"There are no reminder texts in '{code}': the client's reminders go out in English ({ReminderTemplates.English}). "
            + "Tell the client another way, or have someone read the reminders to them.";
    }
}
