using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// UI languages of the pages. English is the text in the views themselves; every other language is a
/// <c>.resx</c> file per view under <c>Resources/</c> (see docs/adr/0011-ui-localization.md). The chosen language is
/// kept in a cookie; without one the browser's Accept-Language decides.
/// </summary>
public static class Localization
{
    /// <summary>The languages the pages are written in, English first (the fallback).</summary>
    public static IReadOnlyList<CultureInfo> SupportedCultures { get; } = [new("en"), new("es")];

    public static IServiceCollection AddCounselConnectLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = [.. SupportedCultures];
            o.SupportedUICultures = [.. SupportedCultures];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // The API first: it is not localised (ADR 0011), so its field errors (FluentValidation's own texts,
            // Identity's password rules, model binding's) are English whatever the caller's headers or cookies say.
            // Then the cookie (the person's explicit choice), then the browser's language; no query-string provider,
            // so a language never travels in links.
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context => Task.FromResult(
                    context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                        ? new ProviderCultureResult("en")
                        : null)),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>
    /// Views translate through <c>IViewLocalizer</c>; display names and messages of a page's form classes come from
    /// the page model's resources (a form class nested in <c>NewModel</c> reads <c>Resources/Pages/Intake/NewModel.es.resx</c>).
    /// </summary>
    public static IMvcBuilder AddCounselConnectViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (type, factory) => factory.Create(type.DeclaringType ?? type));

    /// <summary>The name of a language in that language, for the switcher.</summary>
    public static string NativeName(CultureInfo culture) =>
        culture.TextInfo.ToTitleCase(culture.NativeName);
}
