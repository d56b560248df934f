namespace CounselConnect.Web.Pages.Shared;

/// <summary>
/// Names for people of the ISO 639-3 codes the service stores (the languages most often heard in immigration court,
/// from ../shared/domain.md, and a few more). Pages show <c>Name (code)</c> through
/// <c>IStringLocalizer&lt;LanguageNames&gt;</c> (<see cref="Display"/>), so the name follows the page's language; a code not in the list is
/// shown as it is.
/// </summary>
public sealed class LanguageNames
{
    public static readonly (string Code, string Name)[] Common =
    [
        ("spa", "Spanish"), ("eng", "English"), ("por", "Portuguese"), ("hat", "Haitian Creole"), ("cmn", "Mandarin"),
        ("pan", "Punjabi"), ("ara", "Arabic"), ("rus", "Russian"), ("ukr", "Ukrainian"), ("vie", "Vietnamese"),
        ("fra", "French"), ("mam", "Mam"), ("quc", "K'iche'"), ("kjb", "Q'anjob'al"),
    ];

    private static readonly Dictionary<string, string> ByCode =
        Common.ToDictionary(l => l.Code, l => l.Name, StringComparer.OrdinalIgnoreCase);

    private LanguageNames()
    {
    }

    /// <summary>The English name (the localization key) of a code, or null when the code is not in the list.</summary>
    public static string? Name(string? code) => code is not null && ByCode.TryGetValue(code, out var name) ? name : null;

    /// <summary><c>Spanish (spa)</c> in the page's language; the bare code when it is not in the list.</summary>
    public static string Display(string? code, Microsoft.Extensions.Localization.IStringLocalizer<LanguageNames> localizer) =>
        Name(code) is { } name ? $"{localizer[name].Value} ({code})" : code ?? string.Empty;
}
