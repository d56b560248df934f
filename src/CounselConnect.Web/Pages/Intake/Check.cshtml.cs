using System.ComponentModel.DataAnnotations;
using CounselConnect.Application.Conflicts;
using CounselConnect.Application.Conflicts.RunConflictCheck;
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
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(FormField(error.PropertyName), localizer[error.ErrorMessage]);
            }
        }

        return Page();
    }

    private static string FormField(string property) => property switch
    {
        "GivenNames" => "Form.GivenNames",
        "FamilyNames" or "familyNames" or "" => "Form.FamilyName",
        "DateOfBirth" => "Form.DateOfBirth",
        "ANumber" => "Form.ANumber",
        _ when property.StartsWith("Aliases", StringComparison.Ordinal) => "Form.Aliases",
        _ when property.StartsWith("RelatedParties", StringComparison.Ordinal) => "Form.Related",
        _ => "Form." + property.Split('.')[0],
    };

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
