namespace CounselConnect.Web.Infrastructure;

/// <summary>Query string values read the way the API writes them in JSON.</summary>
public static class QueryValues
{
    /// <summary>
    /// An enum as the JSON carries it (snake_case, e.g. <c>needs_counsel</c>; the member name in any case is read too);
    /// null when absent. A number or an unknown value is a 400 on <paramref name="field"/> listing the values.
    /// </summary>
    public static T? SnakeCaseEnum<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!value.All(char.IsDigit) && !value.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(field,
            $"Use one of: {string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))}.")]);
    }
}
