using System.Globalization;
using CounselConnect.Application.Common;
using CounselConnect.Application.Imports;
using CounselConnect.Application.Imports.GetPartyImport;
using CounselConnect.Application.Imports.ListPartyImports;
using CounselConnect.Application.Imports.StartPartyImport;
using CounselConnect.Domain.Imports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Intake;

/// <summary>
/// Bringing a program's history in from a spreadsheet: upload a CSV (the same command as POST /api/v1/imports/parties),
/// then watch its progress and read the rejected rows (the same query as GET /api/v1/imports/{id}).
/// </summary>
[RequestSizeLimit(StartPartyImportValidator.MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = StartPartyImportValidator.MaxBytes + (1024 * 1024))]
public sealed class ImportModel(ISender sender, IStringLocalizer<ImportModel> localizer) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PartyImportDto? Current { get; private set; }

    public PagedList<PartyImportSummary> Recent { get; private set; } = new([], 1, 20, 0);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } importId)
        {
            Current = await sender.Send(new GetPartyImportQuery(importId), ct);
            return Page();
        }

        Recent = await sender.Send(new ListPartyImportsQuery(Math.Max(1, PageNumber), 20), ct);
        return Page();
    }

    /// <summary>The figures the progress region polls (see wwwroot/js/progress.js).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        var import = await sender.Send(new GetPartyImportQuery(id), ct);
        return new JsonResult(new
        {
            finished = IsFinished(import.Status),
            percent = (double?)null,
            values = new Dictionary<string, string>
            {
                ["status"] = localizer[StatusLabel(import.Status)].Value,
                ["read"] = Count(import.RowsRead),
                ["accepted"] = Count(import.RowsAccepted),
                ["rejected"] = Count(import.RowsRejected),
            },
        });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), localizer["Choose a CSV file to upload."]);
            Recent = await sender.Send(new ListPartyImportsQuery(1, 20), ct);
            return Page();
        }

        byte[] content;
        using (var buffer = new MemoryStream())
        {
            await Upload.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        try
        {
            var import = await sender.Send(new StartPartyImportCommand(Path.GetFileName(Upload.FileName), content), ct);
            TempData["Message"] = localizer["The file was received. It is being imported in the background; this page shows its progress."].Value;
            return RedirectToPage(new { id = import.Id });
        }
        catch (FluentValidation.ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(nameof(Upload), localizer[error.ErrorMessage]);
            }

            Recent = await sender.Send(new ListPartyImportsQuery(1, 20), ct);
            return Page();
        }
    }

    public static bool IsFinished(ImportStatus status) => status is ImportStatus.Completed or ImportStatus.Failed;

    public static string StatusLabel(ImportStatus status) => status switch
    {
        ImportStatus.Queued => "Waiting to start",
        ImportStatus.Running => "Importing",
        ImportStatus.Completed => "Finished",
        ImportStatus.Failed => "Stopped with an error",
        _ => status.ToString(),
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
