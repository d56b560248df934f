using System.Globalization;
using CounselConnect.Application.Administration.Keys;
using CounselConnect.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Admin;

/// <summary>
/// Encryption keys: which master key wraps how many keys, and the rotation to the current master key (the same
/// query and command as GET /api/v1/admin/keys and POST /api/v1/admin/keys/rotation), with its live progress.
/// </summary>
public sealed class KeysModel(ISender sender, IStringLocalizer<KeysModel> localizer) : PageModel
{
    public KeyStatusDto? Status { get; private set; }

    /// <summary>The administrator confirms that every server has the new key as current and keeps the old ones.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Status = await sender.Send(new GetKeyStatusQuery(), ct);
        Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The figures the progress region polls (see wwwroot/js/progress.js).</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        var rotation = await sender.Send(new GetKeyRotationQuery(id), ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            finished = rotation.Status != "running",
            percent = rotation.Percent,
            values = new Dictionary<string, string>
            {
                ["status"] = localizer[StatusLabel(rotation.Status)].Value,
                ["done"] = Count(rotation.Done),
                ["total"] = Count(rotation.Total),
            },
        });
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Status = await sender.Send(new GetKeyStatusQuery(), ct);
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), "Tick the box to confirm that every server has the new master key as current and still has the old ones.");
            return Page();
        }

        try
        {
            await sender.Send(new StartKeyRotationCommand(Status.CurrentMasterKeyId), ct);
            TempData["Message"] = "The rotation has started. It carries on in the background; this page shows its progress.";
            return RedirectToPage();
        }
        catch (BusinessRuleException ex)
        {
            ModelState.AddModelError(nameof(Confirm), ex.Rule switch
            {
                "KeyRotationRunning" => "A rotation is already running; its progress is shown below.",
                "NothingToRotate" => "Every key is already under the current master key: there is nothing to rotate.",
                _ => "The rotation could not start: a master key that still wraps keys is missing from this server's configuration.",
            });
            return Page();
        }
    }

    public static string StatusLabel(string status) => status switch
    {
        "running" => "Re-wrapping keys",
        "completed" => "Finished",
        "failed" => "Stopped with an error",
        _ => status,
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
