using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.RunConflictCheck;
using CounselConnect.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>
/// Phone screening: search the program's records for a caller and the people around them before any advice,
/// storing nothing about them (the same command as POST /api/v1/conflict-checks). The form is posted, so no name
/// ever travels in a URL.
/// </summary>
public sealed class CheckModel(ISender sender, IStringLocalizer<NewModel> localizer) : PageModel
{
    [BindProperty]
    public CheckForm Form { get; set; } = new();

    public ConflictCheckResponse? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            Result = await sender.Send(Form.ToCommand(), ct);
        }
        catch (FluentValidation.ValidationException ex)
        {
            // The command's person fields are the caller's, its related parties the form's filled-in rows: each error is
            // shown at the field the intake form would show it at (NewModel's mapping), in the field's own words.
            foreach (var error in ex.Errors)
            {
                var path = ValidationPath.Parse(error.PropertyName);
                var field = path.StartsWith("RelatedParties")
                    ? NewModel.RelatedField(path, Form.Related)
                    : NewModel.PersonField(path, Form.FamilyName);
                FieldErrors.Add(ModelState, error, field, NewModel.FieldLabel(field, localizer, MetadataProvider, typeof(CheckForm)), localizer);
            }
        }

        return Page();
    }

    public sealed class CheckForm
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

        public List<NewModel.RelatedForm> Related { get; set; } = [new(), new()];

        public RunConflictCheckCommand ToCommand() => new()
        {
            GivenNames = NewModel.Words(GivenNames),
            FamilyNames = [.. new[] { FamilyName, SecondFamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim())],
            Aliases = [.. (Aliases ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            DateOfBirth = string.IsNullOrWhiteSpace(DateOfBirth) ? null : DateOfBirth.Trim(),
            ANumber = string.IsNullOrWhiteSpace(ANumber) ? null : ANumber.Trim(),
            RelatedParties = NewModel.RelatedForm.ToInputs(Related),
        };
    }
}
