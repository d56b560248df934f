namespace CounselConnect.Infrastructure.Seeding;

/// <summary>Settings under <c>Seed</c>.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed the demo organisation, users and clients (Development only; ignored elsewhere).</summary>
    public bool Demo { get; set; }

    /// <summary>Secret of the confidential client <c>counselconnect-cli</c>.</summary>
    public string? CliClientSecret { get; set; }

    /// <summary>Password shared by the demo users (Development only).</summary>
    public string DemoPassword { get; set; } = "Demo-Password-2026!";

    /// <summary>Redirect URIs of the public native/browser client <c>counselconnect-native</c>.</summary>
    public IList<string> NativeRedirectUris { get; } = [];

    /// <summary>First administrator, created in any environment when there is no administrator yet.</summary>
    public FirstAdministratorOptions? Administrator { get; set; }
}

public sealed class FirstAdministratorOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? OrganisationName { get; set; }
}
