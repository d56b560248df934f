using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Framework messages a person reads on the pages, in the page's language: model binding's ("The value '…' is not
/// valid for …"). The English texts are the framework's own; translations are in
/// <c>Resources/Infrastructure/LocalizedMessages.es.resx</c>. Each message is looked up when it is made, so it follows
/// the request's culture.
/// </summary>
public sealed class LocalizedMessages
{
    private LocalizedMessages()
    {
    }
}

public static class LocalizedMessagesRegistration
{
    public static IServiceCollection AddCounselConnectLocalizedMessages(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<MvcOptions>, ModelBindingMessages>();
        return services;
    }

    private sealed class ModelBindingMessages(IStringLocalizer<LocalizedMessages> localizer) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer["The value '{0}' is not valid for {1}.", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer["The value '{0}' is not valid.", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => localizer["The supplied value is invalid for {0}.", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["The supplied value is invalid."]);
            messages.SetValueIsInvalidAccessor(value => localizer["The value '{0}' is invalid.", value]);
            messages.SetValueMustNotBeNullAccessor(value => localizer["The value '{0}' is invalid.", value]);
            messages.SetValueMustBeANumberAccessor(field => localizer["The field {0} must be a number.", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["The field must be a number."]);
            messages.SetMissingBindRequiredValueAccessor(field => localizer["A value for the '{0}' parameter or property was not provided.", field]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A non-empty request body is required."]);
        }
    }
}
