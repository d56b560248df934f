using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CounselConnect.Web.Infrastructure;

/// <summary>
/// Framework messages a person reads on the pages, in the page's language: model binding's ("The value '…' is not
/// valid for …") and ASP.NET Core Identity's password rules (its error codes stay the same). The English texts are the framework's own; translations are in
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
        // After AddIdentity's TryAddScoped: this one is the describer UserManager and the password validator get.
        services.AddScoped<IdentityErrorDescriber, PasswordMessages>();
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

    private sealed class PasswordMessages(IStringLocalizer<LocalizedMessages> localizer) : IdentityErrorDescriber
    {
        public override IdentityError PasswordTooShort(int length) =>
            Described(base.PasswordTooShort(length), localizer["Passwords must be at least {0} characters.", length]);

        public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
            Described(base.PasswordRequiresUniqueChars(uniqueChars), localizer["Passwords must use at least {0} different characters.", uniqueChars]);

        public override IdentityError PasswordRequiresNonAlphanumeric() =>
            Described(base.PasswordRequiresNonAlphanumeric(), localizer["Passwords must have at least one non alphanumeric character."]);

        public override IdentityError PasswordRequiresDigit() =>
            Described(base.PasswordRequiresDigit(), localizer["Passwords must have at least one digit ('0'-'9')."]);

        public override IdentityError PasswordRequiresLower() =>
            Described(base.PasswordRequiresLower(), localizer["Passwords must have at least one lowercase ('a'-'z')."]);

        public override IdentityError PasswordRequiresUpper() =>
            Described(base.PasswordRequiresUpper(), localizer["Passwords must have at least one uppercase ('A'-'Z')."]);

        private static IdentityError Described(IdentityError error, string description) =>
            new() { Code = error.Code, Description = description };
    }
}
