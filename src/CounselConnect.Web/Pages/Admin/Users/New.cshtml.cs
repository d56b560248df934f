using CounselConnect.Application.Administration.Users;
using CounselConnect.Application.Common.Security;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Admin.Users;

/// <summary>Creates an account with one role and an initial password (same command as POST /api/v1/admin/users).</summary>
public sealed class NewModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Field errors in words for people; the password policy's own words are kept (they name the rule).</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var user = await sender.Send(new CreateUserCommand(Email?.Trim(), DisplayName?.Trim(), Role, null, Password), ct);
            TempData["Message"] = EditModel.Created;
            return Redirect($"/Admin/Users/Edit/{user.Id}");
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var field = error.PropertyName.ToLowerInvariant() switch
                {
                    "email" => nameof(Email),
                    "displayname" => nameof(DisplayName),
                    "role" => nameof(Role),
                    _ => nameof(Password),
                };
                Errors.Add((field, Message(field, error.ErrorMessage)));
            }
        }

        return Page();
    }

    private static string Message(string field, string original) => field switch
    {
        nameof(Email) when original.Contains("already exists", StringComparison.Ordinal)
            => "An account with this email address already exists.",
        nameof(Email) => "Enter an email address, for example name@example.org.",
        nameof(DisplayName) => "Enter the person's name (up to 200 characters).",
        nameof(Role) => "Choose a role.",
        _ when original.Contains("12", StringComparison.Ordinal) || original.Contains("empty", StringComparison.OrdinalIgnoreCase)
            => "Enter an initial password of at least 12 characters.",
        _ => original,
    };

    public static IReadOnlyList<string> AllRoles => Roles.All;
}
