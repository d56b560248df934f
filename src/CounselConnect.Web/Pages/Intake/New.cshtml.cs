using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Application.Intake.SubmitIntake;
using CounselConnect.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
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
            TempData["Message"] = "Intake recorded. Review the conflict check below before giving any advice.";
            return Redirect($"/Intake/Details/{intake.Id}");
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(FormField(error.PropertyName), localizer[error.ErrorMessage]);
            }

            return Page();
        }
    }

    /// <summary>Maps a command's field path to the form field that shows the error.</summary>
    private static string FormField(string property) => property switch
    {
        "Person.GivenNames" => "Form.GivenNames",
        "Person.FamilyNames" or "familyNames" or "Person" => "Form.FamilyName",
        "Person.DateOfBirth" => "Form.DateOfBirth",
        "Person.ANumber" => "Form.ANumber",
        "NextHearing.At" => "Form.NextHearingAt",
        "NextHearing.Type" => "Form.NextHearingType",
        "NextHearing.TimeZone" => "Form.CourtTimeZone",
        _ when property.StartsWith("Person.Aliases", StringComparison.Ordinal) => "Form.Aliases",
        _ when property.StartsWith("RelatedParties", StringComparison.Ordinal) => "Form.Related",
        _ => "Form." + property.Split('.')[0],
    };

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

        /// <summary>The filled-in rows of the form's related-people fieldset (intake and phone screening).</summary>
        public static List<RelatedPersonInput> ToInputs(IEnumerable<RelatedForm> rows) =>
            [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.GivenNames) || !string.IsNullOrWhiteSpace(r.FamilyName))
                .Select(r => new RelatedPersonInput
                {
                    GivenNames = Words(r.GivenNames),
                    FamilyNames = string.IsNullOrWhiteSpace(r.FamilyName) ? [] : [r.FamilyName.Trim()],
                    Relationship = r.Relationship,
                })];
    }
}
