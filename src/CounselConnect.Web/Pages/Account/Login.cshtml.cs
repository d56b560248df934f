using System.ComponentModel.DataAnnotations;
using CounselConnect.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Account;

/// <summary>The server-rendered sign-in page that serves the OpenID Connect authorization endpoint.</summary>
public sealed class LoginModel(SignInManager<ApplicationUser> signInManager, UserManager<ApplicationUser> users, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    [Required, EmailAddress]
    public string Email { get; set; } = string.Empty;

    [BindProperty]
    [Required, DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            ErrorMessage = "Enter your email address and password.";
            return Page();
        }

        var user = await users.FindByEmailAsync(Email);
        if (user is null || user.IsDisabled)
        {
            ErrorMessage = "The email address or password is not right.";
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl = SafeReturnUrl() });
        }

        ErrorMessage = result.IsLockedOut
            ? "This account is locked after too many attempts. Try again in 15 minutes or ask an administrator."
            : "The email address or password is not right.";
        return Page();
    }

    private string SafeReturnUrl() => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
