using CounselConnect.Application.Administration.Users;
using CounselConnect.Application.Common.Exceptions;
using CounselConnect.Application.Common.Interfaces;
using CounselConnect.Domain.Common;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin.Users;

/// <summary>One account: its roles, two-factor status, and disabling it (same commands as the admin API).</summary>
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

    private async Task<IActionResult> RunAsync(Guid id, Func<ValueTask<UserSummary>> action, string done, CancellationToken ct)
    {
        try
        {
            await action();
            TempData["Message"] = done;
            return Redirect($"/Admin/Users/Edit/{id}");
        }
        catch (ValidationException)
        {
            ErrorMessage = "Choose roles from the list.";
        }
        catch (BusinessRuleException ex) when (ex.Message.Contains("own account", StringComparison.Ordinal))
        {
            ErrorMessage = "You cannot disable your own account. Ask another administrator.";
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
