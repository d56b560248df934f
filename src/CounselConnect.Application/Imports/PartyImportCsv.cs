using CounselConnect.Domain.People;

namespace CounselConnect.Application.Imports;

/// <summary>The CSV format for importing parties from spreadsheets or another system.</summary>
public static class PartyImportCsv
{
    public static readonly string[] Header =
        ["external_id", "role", "given_names", "family_names", "aliases", "date_of_birth", "a_number", "case_reference"];

    public const int MaxFieldLength = 200;

    /// <summary>Checks a header row; returns the problem, or null when it is right.</summary>
    public static string? CheckHeader(IReadOnlyList<string> columns)
    {
        var names = columns.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var missing = Header.Where(h => !names.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            return $"The header lacks: {string.Join(", ", missing)}. Expected: {string.Join(",", Header)}.";
        }

        var unknown = names.Where(n => !Header.Contains(n)).ToList();
        return unknown.Count > 0 ? $"Unknown columns: {string.Join(", ", unknown.Take(5))}. Expected: {string.Join(",", Header)}." : null;
    }

    public sealed record Row(string ExternalId, string Role, string GivenNames, IReadOnlyList<string> FamilyNames,
        IReadOnlyList<string> Aliases, PartialDate? DateOfBirth, ANumber? ANumber, string? CaseReference);

    /// <summary>Validates one row's fields (already split into columns); the reason never quotes the values.</summary>
    public static (Row? Row, string? Error) Parse(Func<string, string> field)
    {
        var externalId = field("external_id").Trim();
        var role = field("role").Trim();
        var given = field("given_names").Trim();
        var family = Split(field("family_names"));
        var aliases = Split(field("aliases"));
        var dob = field("date_of_birth").Trim();
        var aNumber = field("a_number").Trim();
        var caseReference = field("case_reference").Trim();

        if (externalId.Length == 0)
        {
            return (null, "external_id is empty.");
        }

        if (externalId.Length > 128 || role.Length > 64 || caseReference.Length > 64
            || given.Length > MaxFieldLength || family.Any(f => f.Length > MaxFieldLength) || aliases.Any(a => a.Length > MaxFieldLength))
        {
            return (null, "A field is longer than allowed (external_id 128, role 64, case_reference 64, names 200).");
        }

        if (role.Length == 0)
        {
            return (null, "role is empty.");
        }

        if (given.Length == 0 && family.Count == 0)
        {
            return (null, "given_names and family_names are both empty.");
        }

        if (new[] { externalId, role, given, caseReference }.Concat(family).Concat(aliases).Any(v => v.Any(char.IsControl)))
        {
            return (null, "A field contains control characters.");
        }

        PartialDate? birth = null;
        if (dob.Length > 0)
        {
            if (!PartialDate.TryParse(dob, out var parsed))
            {
                return (null, "date_of_birth is not YYYY, YYYY-MM or YYYY-MM-DD (a real date from 1900 to today).");
            }

            birth = parsed;
        }

        ANumber? number = null;
        if (aNumber.Length > 0)
        {
            if (!ANumber.TryParse(aNumber, out var parsed))
            {
                return (null, "a_number is not 8 or 9 digits (optionally with A, dashes or spaces).");
            }

            number = parsed;
        }

        return (new Row(externalId, role.ToLowerInvariant(), given, family, aliases, birth, number, caseReference.Length == 0 ? null : caseReference), null);
    }

    private static List<string> Split(string value) =>
        [.. value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
