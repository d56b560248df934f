using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Application.Intake.SubmitIntake;
using CounselConnect.Domain.Cases;
using Mediator;
using CounselConnect.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>The guided intake form. It sends the same command as POST /api/v1/intakes.</summary>
public sealed class NewModel(ISender sender, IStringLocalizer<NewModel> localizer) : PageModel
{
    public static readonly (string Code, string Name)[] CommonLanguages = Shared.LanguageNames.Common;

    [BindProperty]
    public IntakeForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A value that could not be read (a date in another format, an unknown relief type) is shown at its field;
            // nothing is saved with that input quietly left out.
            return Page();
        }

        var command = Form.ToCommand();
        try
        {
            var intake = await sender.Send(command, ct);
            TempData["Message"] = localizer["Intake recorded. Review the conflict check below before giving any advice."].Value;
            return Redirect($"/Intake/Details/{intake.Id}");
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var path = ValidationPath.Parse(error.PropertyName);
                var field = path.StartsWith("Person") ? PersonField(path.After(1), Form.FamilyName)
                    : path.StartsWith("RelatedParties") ? RelatedField(path, Form.Related)
                    : CaseField(path);
                FieldErrors.Add(ModelState, error, field, Label(field), localizer);
            }

            return Page();
        }
    }

    /// <summary>The label a person sees at a form field, in the page's language (for messages that name the field).</summary>
    private string? Label(string field) => FieldLabel(field, localizer, MetadataProvider, typeof(IntakeForm));

    /// <summary>
    /// The label of field <paramref name="field"/> (<c>Form.X</c> of <paramref name="form"/>, or a related person's row)
    /// in the page's language; null for a field the form does not have. Phone screening shares it.
    /// </summary>
    internal static string? FieldLabel(string field, IStringLocalizer localizer, IModelMetadataProvider metadata, Type form)
    {
        var related = System.Text.RegularExpressions.Regex.Match(field, @"^Form\.Related\[(\d+)\]\.(\w+)$");
        if (related.Success)
        {
            var row = int.Parse(related.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1;
            return related.Groups[2].Value switch
            {
                nameof(RelatedForm.GivenNames) => localizer["Person {0}: given names", row].Value,
                nameof(RelatedForm.FamilyName) => localizer["Person {0}: family name", row].Value,
                _ => localizer["Person {0}: relationship", row].Value,
            };
        }

        var property = field.StartsWith("Form.", StringComparison.Ordinal) ? field["Form.".Length..] : field;
        return form.GetProperty(property) is null ? null : metadata.GetMetadataForType(form).Properties[property]?.GetDisplayName();
    }

    /// <summary>
    /// The field of a person's part of the form (<paramref name="path"/> relative to the person) that shows an error.
    /// The form's family name and second family name are the command's first and second family names, in that order,
    /// leaving out an empty one.
    /// </summary>
    internal static string PersonField(ValidationPath path, string? firstFamilyName, string prefix = "Form.")
    {
        if (path.StartsWith("GivenNames"))
        {
            return prefix + "GivenNames";
        }

        if (path.StartsWith("FamilyNames"))
        {
            var second = path.IndexAt(0) is 1 || (path.IndexAt(0) is 0 && string.IsNullOrWhiteSpace(firstFamilyName));
            return prefix + (second ? "SecondFamilyName" : "FamilyName");
        }

        return path.StartsWith("Aliases") ? prefix + "Aliases"
            : path.Is("DateOfBirth") ? prefix + "DateOfBirth"
            : path.Is("ANumber") ? prefix + "ANumber"
            : prefix + "FamilyName"; // the person as a whole ("give at least a name")
    }

    /// <summary>
    /// The field of the related-people fieldset that shows an error: the command's related parties are the form's
    /// filled-in rows, so its n-th party is the n-th row with a name.
    /// </summary>
    internal static string RelatedField(ValidationPath path, IReadOnlyList<RelatedForm> rows, string prefix = "Form.")
    {
        var filled = rows.Select((row, i) => (row, i)).Where(r => r.row.HasName).Select(r => r.i).ToList();
        if (path.IndexAt(0) is not { } party || party >= filled.Count)
        {
            return prefix + "Related";
        }

        var row = $"{prefix}Related[{filled[party]}].";
        var field = path.After(1);
        return field.StartsWith("Relationship") ? row + nameof(RelatedForm.Relationship)
            : field.StartsWith("GivenNames") ? row + nameof(RelatedForm.GivenNames)
            : row + nameof(RelatedForm.FamilyName);
    }

    /// <summary>The field of the case's part of the form that shows an error.</summary>
    private static string CaseField(ValidationPath path) =>
        path.StartsWith("NextHearing", "At") ? "Form.NextHearingAt"
        : path.StartsWith("NextHearing", "Type") ? "Form.NextHearingType"
        : path.StartsWith("NextHearing", "TimeZone") ? "Form.CourtTimeZone"
        : path.StartsWith("Languages") ? "Form.PrimaryLanguage"
        : path.StartsWith("ReliefSought") ? "Form.ReliefSought"
        : path.StartsWith("Custody") ? "Form.Custody"
        : path.StartsWith("CourtCode") ? "Form.CourtCode"
        : path.StartsWith("HearingLocation") ? "Form.HearingLocation"
        : path.StartsWith("PrimaryLanguage") ? "Form.PrimaryLanguage"
        : string.Empty; // anything else: in the summary at the top

    public sealed class IntakeForm
    {
        [Display(Name = "Given names")]
        public string? GivenNames { get; set; }

        [Display(Name = "Family name")]
        public string? FamilyName { get; set; }

        [Display(Name = "Second family name (if any)")]
        public string? SecondFamilyName { get; set; }

        [Display(Name = "Other names used (one per line)")]
        public string? Aliases { get; set; }

        [Display(Name = "Date of birth")]
        public string? DateOfBirth { get; set; }

        [Display(Name = "A-number")]
        public string? ANumber { get; set; }

        public CustodyStatus? Custody { get; set; }

        [Display(Name = "Immigration court code")]
        public string? CourtCode { get; set; }

        [Display(Name = "Hearing location")]
        public string? HearingLocation { get; set; }

        [Display(Name = "Next hearing (court's local time)")]
        public DateTime? NextHearingAt { get; set; }

        [Display(Name = "Court time zone")]
        public string CourtTimeZone { get; set; } = "America/New_York";

        [Display(Name = "Type of hearing")]
        public HearingType? NextHearingType { get; set; }

        [Display(Name = "Primary language")]
        public string? PrimaryLanguage { get; set; } = "spa";

        [Display(Name = "Reads the primary language")]
        public bool ReadsPrimaryLanguage { get; set; } = true;

        [Display(Name = "Needs an interpreter")]
        public bool InterpreterNeeded { get; set; }

        public List<ReliefType> ReliefSought { get; set; } = [];

        public List<RelatedForm> Related { get; set; } = [new(), new()];

        public SubmitIntakeCommand ToCommand()
        {
            DateTimeOffset? at = null;
            if (NextHearingAt is { } local)
            {
                var zone = TimeZoneInfo.TryFindSystemTimeZoneById(CourtTimeZone, out var found) ? found : TimeZoneInfo.Utc;
                at = new DateTimeOffset(local, zone.GetUtcOffset(local));
            }

            return new SubmitIntakeCommand
            {
                Person = new PersonInput
                {
                    GivenNames = Words(GivenNames),
                    FamilyNames = [.. new[] { FamilyName, SecondFamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())],
                    Aliases = [.. (Aliases ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                    DateOfBirth = string.IsNullOrWhiteSpace(DateOfBirth) ? null : DateOfBirth.Trim(),
                    ANumber = string.IsNullOrWhiteSpace(ANumber) ? null : ANumber.Trim(),
                },
                RelatedParties = RelatedForm.ToInputs(Related),
                Custody = Custody,
                CourtCode = CourtCode,
                HearingLocation = HearingLocation,
                NextHearing = at is null && NextHearingType is null ? null : new NextHearingInput(at, NextHearingType, CourtTimeZone),
                PrimaryLanguage = PrimaryLanguage,
                Languages = string.IsNullOrWhiteSpace(PrimaryLanguage) ? [] : [new LanguageInput(PrimaryLanguage, true, ReadsPrimaryLanguage)],
                InterpreterNeeded = InterpreterNeeded,
                ReliefSought = ReliefSought,
            };
        }
    }

    /// <summary>A trimmed form field as a one-element name list, or none when it is empty.</summary>
    internal static string[] Words(string? value) => string.IsNullOrWhiteSpace(value) ? [] : [value.Trim()];

    public sealed class RelatedForm
    {
        public string? GivenNames { get; set; }

        public string? FamilyName { get; set; }

        public Relationship? Relationship { get; set; }

        /// <summary>A row counts once a name is typed in it.</summary>
        public bool HasName => !string.IsNullOrWhiteSpace(GivenNames) || !string.IsNullOrWhiteSpace(FamilyName);

        /// <summary>The filled-in rows of the form's related-people fieldset (intake and phone screening).</summary>
        public static List<RelatedPersonInput> ToInputs(IEnumerable<RelatedForm> rows) =>
            [.. rows.Where(r => r.HasName)
                .Select(r => new RelatedPersonInput
                {
                    GivenNames = Words(r.GivenNames),
                    FamilyNames = string.IsNullOrWhiteSpace(r.FamilyName) ? [] : [r.FamilyName.Trim()],
                    Relationship = r.Relationship,
                })];
    }
}
