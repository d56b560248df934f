using CounselConnect.Application.Administration.Users;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin.Users;

/// <summary>One account: its roles, two-factor status, and disabling or enabling it (same commands as the admin API).</summary>
public sealed class EditModel(ISender sender) : PageModel
{
    /// <summary>The message shown here after the account is created on the New page.</summary>
    public const string Created = "Account created. Give the person their initial password in person or by phone, never by email.";

    public UserSummary? Account { get; private set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostRolesAsync(Guid id, List<string>? roles, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new SetUserRolesCommand(id, roles ?? []), ct), "Roles saved. Access that was removed ends now.", ct);

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new DisableUserCommand(id), ct), "Account disabled. The person is signed out everywhere and cannot sign in.", ct);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        await RunAsync(id, () => sender.Send(new EnableUserCommand(id), ct), "Account enabled. The person can sign in again with their password.", ct);

    private async Task<IActionResult> RunAsync(Guid id, Func<ValueTask<UserSummary>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Admin/Users/Edit/{id}");
        }
        catch (ValidationException ex) when (ex.Errors.Any(e => e.ErrorCode == SetUserRolesValidator.AdministratorWithCaseWork))
        {
            ErrorMessage = "The Administrator role cannot be combined with Intake staff, Attorney or Program manager. Administrators open client files only through break-glass access.";
        }
        catch (ValidationException)
        {
            ErrorMessage = "Choose roles from the list.";
        }
        catch (BusinessRuleException ex)
        {
            ErrorMessage = ex.Rule switch
            {
                "CannotDisableSelf" => "You cannot disable your own account. Ask another administrator.",
                "CannotRemoveOwnAdministratorRole" => "You cannot remove the Administrator role from your own account. Ask another administrator.",
                "LastAdministrator" => "This is the organisation's last active administrator. Give another account the Administrator role first.",
                _ => throw new InvalidOperationException($"Unexpected business rule {ex.Rule}.", ex),
            };
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return await LoadAsync(id, ct);
    }

    /// <summary>The account from the organisation's list (the same query as the API; there is no single-account query).</summary>
    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        for (var page = 1; ; page++)
        {
            var result = await sender.Send(new ListUsersQuery(page, 200), ct);
            Account = result.Items.FirstOrDefault(u => u.Id == id);
            if (Account is not null || page >= result.TotalPages)
            {
                break;
            }
        }

        if (Account is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
