using System.Globalization;
using System.Text;
using CounselConnect.Application.Reports;
using CounselConnect.Application.Reports.GetReport;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Manager;

/// <summary>
/// The program manager's dashboard: the same reports as /api/v1/reports (small counts withheld), drawn as charts with
/// their figures in tables, and CSV downloads through the same audited query.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    /// <summary>The report names used in export links, as in the API's addresses.</summary>
    public static readonly IReadOnlyDictionary<string, ReportKind> Exports = new Dictionary<string, ReportKind>(StringComparer.Ordinal)
    {
        ["representation-rate"] = ReportKind.RepresentationRate,
        ["time-to-counsel"] = ReportKind.TimeToCounsel,
        ["success-rate"] = ReportKind.SuccessRate,
        ["caseload"] = ReportKind.Caseload,
        ["funder-closing-codes"] = ReportKind.FunderClosingCodes,
    };

    /// <summary>The groups the outcomes can be broken down by, with their English names.</summary>
    public static readonly IReadOnlyList<(string Key, string Name)> Dimensions =
    [
        ("custody", "Custody"),
        ("relief", "Relief sought"),
        ("court", "Court"),
        ("language", "Language"),
        ("nationality", "Nationality"),
        ("representative_type", "Type of representative"),
    ];

    private static readonly Dictionary<string, string> KeyNames = new(StringComparer.Ordinal)
    {
        ["total"] = "All cases",
        ["unknown"] = "Not recorded",
        ["detained"] = "Detained",
        ["released"] = "Released",
        ["never_detained"] = "Never detained",
        ["unrepresented"] = "Unrepresented",
        ["staff"] = "Staff attorney",
        ["pro_bono"] = "Pro bono attorney",
        ["accredited"] = "Accredited representative",
        ["asylum"] = "Asylum",
        ["withholding_of_removal"] = "Withholding of removal",
        ["convention_against_torture"] = "Convention Against Torture",
        ["cancellation_permanent_resident"] = "Cancellation (permanent resident)",
        ["cancellation_non_permanent_resident"] = "Cancellation (non-permanent resident)",
        ["vawa_cancellation"] = "VAWA cancellation",
        ["adjustment_of_status"] = "Adjustment of status",
        ["special_immigrant_juvenile"] = "Special Immigrant Juvenile status",
        ["u_visa"] = "U visa",
        ["t_visa"] = "T visa",
        ["vawa_self_petition"] = "VAWA self-petition",
        ["temporary_protected_status"] = "Temporary Protected Status",
        ["voluntary_departure"] = "Voluntary departure",
        ["termination"] = "Termination or dismissal",
        ["bond"] = "Bond",
    };

    [BindProperty(SupportsGet = true)]
    public string Dimension { get; set; } = "custody";

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public ReportTable? Representation { get; private set; }

    public ReportTable? TimeToCounsel { get; private set; }

    public ReportTable? Success { get; private set; }

    public ReportTable? Caseload { get; private set; }

    /// <summary>The English name of a row key (a category); codes such as courts and languages are shown as they are.</summary>
    public static string NameOf(string key) => KeyNames.TryGetValue(key, out var name) ? name : key;

    public string DimensionName => Dimensions.FirstOrDefault(d => d.Key == Dimension).Name ?? "Custody";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!PeriodIsValid())
        {
            return Page();
        }

        try
        {
            Representation = await sender.Send(new GetReportQuery(ReportKind.RepresentationRate, null, From, To, false), ct);
            TimeToCounsel = await sender.Send(new GetReportQuery(ReportKind.TimeToCounsel, null, From, To, false), ct);
            Success = await sender.Send(new GetReportQuery(ReportKind.SuccessRate, Dimension, From, To, false), ct);
            Caseload = await sender.Send(new GetReportQuery(ReportKind.Caseload, null, From, To, false), ct);
        }
        catch (ValidationException)
        {
            ModelState.AddModelError(nameof(To), "The end of the period cannot be before its start.");
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>A CSV download (audited as report.export by the query, like the API's format=csv).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? report, CancellationToken ct)
    {
        if (report is null || !Exports.TryGetValue(report, out var kind))
        {
            return NotFound();
        }

        if (!PeriodIsValid())
        {
            return await OnGetAsync(ct);
        }

        ReportTable table;
        try
        {
            table = await sender.Send(new GetReportQuery(kind, kind == ReportKind.SuccessRate ? Dimension : null, From, To, true), ct);
        }
        catch (ValidationException)
        {
            return await OnGetAsync(ct);
        }

        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(ReportCsv.Write(table)), "text/csv; charset=utf-8", ReportCsv.FileName(table));
    }

    /// <summary>Whether a row withholds any of its counts (so a missing measure of it is withheld, not inapplicable).</summary>
    public static bool IsWithheld(ReportRow row) => row.Total is null || row.Cells.Any(c => c is null);

    /// <summary>The query string of the current choice, for links.</summary>
    public string Query(string? report = null)
    {
        var parts = new List<string> { "dimension=" + Uri.EscapeDataString(Dimension) };
        if (From is { } from)
        {
            parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (To is { } to)
        {
            parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (report is not null)
        {
            parts.Insert(0, "handler=Export&report=" + report);
        }

        return "?" + string.Join('&', parts);
    }

    private bool PeriodIsValid()
    {
        // An unknown or missing group falls back to custody instead of being an error.
        ModelState.Remove(nameof(Dimension));
        if (!Dimensions.Any(d => d.Key == Dimension))
        {
            Dimension = "custody";
        }

        foreach (var field in new[] { nameof(From), nameof(To) })
        {
            if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(field, "Enter a date as year-month-day, for example 2025-01-31.");
            }
        }

        if (From is { } f && To is { } t && f > t)
        {
            ModelState.AddModelError(nameof(To), "The end of the period cannot be before its start.");
        }

        return ModelState.ErrorCount == 0;
    }
}
