using System.Text.Json.Serialization;
using CounselConnect.Application.Common.Json;
using CounselConnect.Application.Conflicts.Matching;
using CounselConnect.Domain.People;
using FluentValidation;

namespace CounselConnect.Application.Conflicts;

/// <summary>The identifying fields of one person, as intake and phone screening send them.</summary>
public record PersonInput
{
    [JsonConverter(typeof(StringOrStringArrayConverter))]
    public IReadOnlyList<string> GivenNames { get; init; } = [];

    [JsonConverter(typeof(StringOrStringArrayConverter))]
    public IReadOnlyList<string> FamilyNames { get; init; } = [];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary><c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>; optional.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Any common spelling (A123456789, 123-456-789, A12345678); optional.</summary>
    public string? ANumber { get; init; }

    [JsonIgnore] // computed: not part of the request (nor of its OpenAPI schema)
    public PartialDate? ParsedDateOfBirth => string.IsNullOrWhiteSpace(DateOfBirth) ? null : PartialDate.Parse(DateOfBirth);

    [JsonIgnore] // computed: not part of the request (nor of its OpenAPI schema)
    public ANumber? ParsedANumber => string.IsNullOrWhiteSpace(ANumber) ? null : Domain.People.ANumber.Parse(ANumber);

    public ConflictQuery ToQuery() => new(GivenNames, FamilyNames, Aliases, ParsedDateOfBirth, ParsedANumber);

    /// <summary>Given names as one string, the way a party stores them.</summary>
    [JsonIgnore] // computed: not part of the request (nor of its OpenAPI schema)
    public string GivenNamesText => string.Join(' ', GivenNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()));
}

/// <summary>Rules for one person's identifying fields, shared by intake and the ad-hoc check.</summary>
public sealed class PersonInputValidator<T> : AbstractValidator<T> where T : PersonInput
{
    public const int MaxNameLength = 100;

    public PersonInputValidator()
    {
        // A rule stops at its first failure, so a list sent as null fails "required" and is not also counted.
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(p => p.GivenNames).NotNull().WithMessage("Given names are a list of names; send [] when there are none.")
            .Must(n => n.Count <= 6).WithMessage("At most 6 given-name entries.");
        RuleFor(p => p.FamilyNames).NotNull().WithMessage("Family names are a list of names; send [] when there are none.")
            .Must(n => n.Count <= 6).WithMessage("At most 6 family-name entries.");
        RuleFor(p => p.Aliases).NotNull().WithMessage("Aliases are a list of names; send [] when there are none.")
            .Must(a => a.Count <= 20).WithMessage("At most 20 aliases.");
        RuleFor(p => p)
            .Must(p => p.GivenNames.Concat(p.FamilyNames).Any(n => !string.IsNullOrWhiteSpace(n)))
            .When(p => p.GivenNames is not null && p.FamilyNames is not null)
            .WithName("familyNames")
            .OverridePropertyName("familyNames")
            .WithMessage("Give at least a family name or a given name.");
        RuleForEach(p => p.GivenNames).MaximumLength(MaxNameLength).Must(NoControlCharacters).WithMessage("Names may not contain control characters.");
        RuleForEach(p => p.FamilyNames).MaximumLength(MaxNameLength).Must(NoControlCharacters).WithMessage("Names may not contain control characters.");
        RuleForEach(p => p.Aliases).NotEmpty().MaximumLength(2 * MaxNameLength).Must(NoControlCharacters).WithMessage("Aliases may not be empty or contain control characters.");
        RuleFor(p => p.DateOfBirth)
            .Must(d => string.IsNullOrWhiteSpace(d) || (PartialDate.TryParse(d, out var date) && !date.IsAfter(DateOnly.FromDateTime(DateTime.UtcNow))))
            .WithMessage("Use YYYY, YYYY-MM or YYYY-MM-DD for a real date between 1900 and today.");
        RuleFor(p => p.ANumber)
            .Must(a => string.IsNullOrWhiteSpace(a) || Domain.People.ANumber.TryParse(a, out _))
            .WithMessage("An A-number is 8 or 9 digits, optionally with a leading A and dashes or spaces (e.g. A123-456-789).");
    }

    private static bool NoControlCharacters(string? value) => value is null || !value.Any(char.IsControl);
}
