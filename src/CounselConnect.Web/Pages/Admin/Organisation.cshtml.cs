using System.Globalization;
using CounselConnect.Application.Administration.Retention;
using CounselConnect.Application.Organisations;
using CounselConnect.Application.Reports.ReportSettings;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin;

/// <summary>
/// The organisation's settings an administrator changes: conflict-check thresholds, how long client data is kept
/// after closing, and the small-count threshold of the reports. Each form sends the same command as the API.
/// </summary>
public sealed class OrganisationModel(ISender sender) : PageModel
{
    public OrganisationSettingsDto? Settings { get; private set; }

    /// <summary>A score from 0 to 1, or empty for the product default.</summary>
    [BindProperty]
    public string? Potential { get; set; }

    [BindProperty]
    public string? Likely { get; set; }

    public RetentionSettingsDto? Retention { get; private set; }

    public ReportSettingsDto? Reports { get; private set; }

    /// <summary>Days after closing, or empty for the deployment default.</summary>
    [BindProperty]
    public string? RetentionDays { get; set; }

    /// <summary>Smallest count shown in reports, or empty for the deployment default.</summary>
    [BindProperty]
    public string? SuppressionThreshold { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Potential = Format(Settings!.ConflictPotentialThreshold);
        Likely = Format(Settings.ConflictLikelyThreshold);
        RetentionDays = Retention!.DaysAfterClosing?.ToString(CultureInfo.InvariantCulture);
        SuppressionThreshold = Reports!.SuppressionThreshold?.ToString(CultureInfo.InvariantCulture);
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnPostRetentionAsync(CancellationToken ct)
    {
        if (TryParseWhole(RetentionDays, nameof(RetentionDays), 1, 36_500, "Retention is a whole number of days from 1 to 36500.", out var days))
        {
            await sender.Send(new SetRetentionCommand(days), ct);
            TempData["Message"] = "Retention saved. The daily purge uses it from its next run.";
            return RedirectToPage();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReportsAsync(CancellationToken ct)
    {
        if (TryParseWhole(SuppressionThreshold, nameof(SuppressionThreshold), 2, 100, "The suppression threshold is a whole number from 2 to 100.", out var threshold))
        {
            await sender.Send(new SetReportSettingsCommand(threshold), ct);
            TempData["Message"] = "Report threshold saved. Every report and export uses it from now on.";
            return RedirectToPage();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await sender.Send(new GetOrganisationSettingsQuery(), ct);
        Retention = await sender.Send(new GetRetentionQuery(), ct);
        Reports = await sender.Send(new GetReportSettingsQuery(), ct);
    }

    /// <summary>Empty means "the default" (null); otherwise a whole number in range, else a field error.</summary>
    private bool TryParseWhole(string? text, string field, int min, int max, string message, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            value = parsed;
            return true;
        }

        ModelState.AddModelError(field, message);
        return false;
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

        await LoadAsync(ct);
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
