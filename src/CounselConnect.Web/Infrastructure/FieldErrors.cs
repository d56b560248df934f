using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// A command's validation path as FluentValidation names it (<c>Person.familyNames</c>,
/// <c>RelatedParties[1].Relationship</c>), read segment by segment with names compared without regard to case, so that
/// a page can say which of its own fields shows the error whatever casing the command's rules use.
/// </summary>
public sealed class ValidationPath
{
    private readonly (string Name, int? Index)[] segments;

    private ValidationPath((string Name, int? Index)[] segments) => this.segments = segments;

    public static ValidationPath Parse(string? propertyName) =>
        new([.. (propertyName ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries).Select(Segment)]);

    /// <summary>True when the path's names are exactly <paramref name="names"/> (any case; indexes ignored).</summary>
    public bool Is(params string[] names) =>
        segments.Length == names.Length && StartsWith(names);

    /// <summary>True when the path begins with <paramref name="names"/> (any case; indexes ignored).</summary>
    public bool StartsWith(params string[] names) =>
        segments.Length >= names.Length
        && names.Select((n, i) => string.Equals(segments[i].Name, n, StringComparison.OrdinalIgnoreCase)).All(same => same);

    /// <summary>The path without its first <paramref name="count"/> segments (<c>FamilyNames[0]</c> of <c>Person.FamilyNames[0]</c>).</summary>
    public ValidationPath After(int count) => new(segments[Math.Min(count, segments.Length)..]);

    /// <summary>The index of the segment at <paramref name="position"/> (<c>1</c> in <c>RelatedParties[1]</c>), if it has one.</summary>
    public int? IndexAt(int position) => position < segments.Length ? segments[position].Index : null;

    private static (string Name, int? Index) Segment(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open < 0 || !text.EndsWith(']'))
        {
            return (text, null);
        }

        return int.TryParse(text.AsSpan(open + 1, text.Length - open - 2), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (text[..open], index)
            : (text, null);
    }
}

/// <summary>Puts a command's validation failures on a page's fields, in the page's words.</summary>
public static class FieldErrors
{
    /// <summary>
    /// Adds <paramref name="failure"/> at <paramref name="field"/>. FluentValidation's own messages name the command's
    /// property (<c>'Family Names' must be 100 characters or fewer</c>); those are said again with the
    /// <paramref name="label"/> of the field the person sees. Other messages are translated as they are. The
    /// <paramref name="localizer"/>'s resources hold the texts below (see <c>NewModel.es.resx</c>).
    /// </summary>
    public static void Add(ModelStateDictionary modelState, ValidationFailure failure, string field, string? label, IStringLocalizer localizer)
    {
        modelState.AddModelError(field, label is not null && IsDefaultMessage(failure) ? InLabelWords(failure, label, localizer) : localizer[failure.ErrorMessage].Value);
    }

    private static bool IsDefaultMessage(ValidationFailure failure) =>
        failure.FormattedMessagePlaceholderValues is { } values
        && values.TryGetValue("PropertyName", out var name)
        && name is string text
        && failure.ErrorMessage.Contains($"'{text}'", StringComparison.Ordinal);

    private static string InLabelWords(ValidationFailure failure, string label, IStringLocalizer localizer) => failure.ErrorCode switch
    {
        "NotNullValidator" or "NotEmptyValidator" => localizer["Fill in “{0}”.", label].Value,
        "MaximumLengthValidator" when failure.FormattedMessagePlaceholderValues.TryGetValue("MaxLength", out var max) =>
            localizer["“{0}” can be at most {1} characters long.", label, max].Value,
        "EnumValidator" => localizer["Choose one of the options for “{0}”.", label].Value,
        _ => localizer[failure.ErrorMessage].Value,
    };
}
