using System.Globalization;
using CounselConnect.Application.Organisations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin;

/// <summary>The organisation's settings an administrator changes: today the conflict-check thresholds.</summary>
public sealed class OrganisationModel(ISender sender) : PageModel
{
    public OrganisationSettingsDto? Settings { get; private set; }

    /// <summary>A score from 0 to 1, or empty for the product default.</summary>
    [BindProperty]
    public string? Potential { get; set; }

    [BindProperty]
    public string? Likely { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Settings = await sender.Send(new GetOrganisationSettingsQuery(), ct);
        Potential = Format(Settings.ConflictPotentialThreshold);
        Likely = Format(Settings.ConflictLikelyThreshold);
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var potential = Parse(Potential, nameof(Potential));
        var likely = Parse(Likely, nameof(Likely));
        if (ModelState.ErrorCount == 0)
        {
            try
            {
                await sender.Send(new SetConflictThresholdsCommand(potential, likely), ct);
                TempData["Message"] = "Conflict-check thresholds saved. New conflict checks use them from now on.";
                return RedirectToPage();
            }
            catch (ValidationException ex)
            {
                foreach (var error in ex.Errors)
                {
                    ModelState.AddModelError(error.PropertyName, error.PropertyName == nameof(Potential)
                        ? "The potential-match threshold is a score from 0 to 1."
                        : error.ErrorMessage.Contains("below", StringComparison.Ordinal)
                            ? "The likely-match threshold cannot be below the potential-match threshold."
                            : "The likely-match threshold is a score from 0 to 1.");
                }
            }
        }

        Settings = await sender.Send(new GetOrganisationSettingsQuery(), ct);
        return Page();
    }

    private double? Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = text.Trim().Replace(',', '.');
        if (double.TryParse(normalised, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        ModelState.AddModelError(field, field == nameof(Potential)
            ? "The potential-match threshold is a score from 0 to 1."
            : "The likely-match threshold is a score from 0 to 1.");
        return null;
    }

    private static string? Format(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);
}
