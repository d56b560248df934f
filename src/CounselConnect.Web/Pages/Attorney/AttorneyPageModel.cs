using CounselConnect.Domain.Common;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CounselConnect.Web.Pages.Attorney;

/// <summary>
/// What the attorney pages share: text the page model writes (field errors, status messages) is translated from the
/// page's own resource file, the one its view uses (ADR 0011), and application errors become field errors.
/// </summary>
public abstract class AttorneyPageModel : PageModel
{
    private IStringLocalizer? _text;

    /// <summary>The page's translation of an English text (the text itself when there is none).</summary>
    protected string T(string english)
    {
        if (_text is null)
        {
            var services = HttpContext.RequestServices;
            var path = PageContext.ActionDescriptor.RelativePath;
            var baseName = path.Replace('/', '.').Replace('\\', '.').Trim('.');
            baseName = baseName.EndsWith(".cshtml", StringComparison.Ordinal) ? baseName[..^".cshtml".Length] : baseName;
            _text = services.GetRequiredService<IStringLocalizerFactory>()
                .Create(baseName, services.GetRequiredService<IWebHostEnvironment>().ApplicationName);
        }

        return _text[english];
    }

    /// <summary>
    /// Sends a command; a validation failure goes on its form field (through <paramref name="field"/>), in words from
    /// <paramref name="message"/> when the page has its own, else the application's; a broken business rule goes on the
    /// field <paramref name="rules"/> names, in the page's words. False when the command was refused.
    /// </summary>
    protected async Task<bool> TrySendAsync(Func<Task> send, Func<string, string> field, Func<string, string?> message,
        IReadOnlyDictionary<string, (string Field, string Message)> rules)
    {
        try
        {
            await send();
            return true;
        }
        catch (ValidationException exception)
        {
            foreach (var error in exception.Errors)
            {
                var key = field(error.PropertyName);
                var text = T(message(key) ?? error.ErrorMessage);
                if (ModelState[key]?.Errors.Any(e => e.ErrorMessage == text) != true)
                {
                    ModelState.AddModelError(key, text);
                }
            }
        }
        catch (BusinessRuleException exception)
        {
            var (key, text) = rules.TryGetValue(exception.Rule, out var known) ? known : (string.Empty, exception.Message);
            ModelState.AddModelError(key, T(text));
        }

        return false;
    }

    /// <summary>The first error recorded for a form field, or null.</summary>
    public string? ErrorFor(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>A broken business rule shown on the field it concerns (or above the form), in the page's words.</summary>
    protected void AddError(BusinessRuleException exception, IReadOnlyDictionary<string, (string Field, string Message)> rules)
    {
        var (field, message) = rules.TryGetValue(exception.Rule, out var known) ? known : (string.Empty, exception.Message);
        ModelState.AddModelError(field, T(message));
    }
}
