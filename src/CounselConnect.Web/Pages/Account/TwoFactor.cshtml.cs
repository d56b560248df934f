using System.ComponentModel.DataAnnotations;
using System.Text;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CounselConnect.Web.Pages.Account;

/// <summary>Enrols the signed-in user in TOTP two-factor authentication (an authenticator app).</summary>
[Authorize(Policy = Policies.AuthenticatedPages)]
public sealed class TwoFactorModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    [BindProperty]
    [Required, StringLength(7, MinimumLength = 6)]
    public string Code { get; set; } = string.Empty;

    public bool IsEnabled { get; private set; }

    public string? FormattedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ErrorMessage = "That code is not right. Check the time on your phone and try the current code.";
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor authentication is on. You will be asked for a code when you sign in.";
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (IsEnabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var grouped = new StringBuilder();
        for (var i = 0; i < key!.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        FormattedKey = grouped.ToString().TrimEnd().ToLowerInvariant();
        AuthenticatorUri = $"otpauth://totp/CounselConnect:{Uri.EscapeDataString(user.Email ?? user.UserName ?? "user")}?secret={key}&issuer=CounselConnect&digits=6";
    }
}
