using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CounselConnect.Infrastructure.Identity;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Reminders;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Foundation;

/// <summary>
/// Pages read with the Spanish language (the browser asks for es-MX): the known English texts of each page are gone
/// and its Spanish ones are there. The pages' HTML is decoded first (the encoder writes "ñ" as "&amp;#xF1;").
/// </summary>
public sealed class SpanishPagesTests(SqliteFactory factory) : IClassFixture<SqliteFactory>
{
    private async Task<HttpClient> PagesAsync(string who, bool spanish = true)
    {
        var browser = await AuthorizationCodeFlow.SignInToPagesAsync(factory, $"{who}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
        if (spanish)
        {
            browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        }

        return browser;
    }

    private static async Task<string> HtmlAsync(HttpClient browser, string address)
    {
        using var response = await browser.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> PostAsync(HttpClient browser, string address, Dictionary<string, string> form, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var page = await browser.GetStringAsync(address);
        form["__RequestVerificationToken"] = AuthorizationCodeFlow.AntiforgeryToken(page);
        using var content = new FormUrlEncodedContent(form);
        using var response = await browser.PostAsync(address, content);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {html}");
        return html;
    }

    private static void AssertSpanish(string html, string[] spanish, string[] english)
    {
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.All(spanish, s => Assert.Contains(s, html, StringComparison.Ordinal));
        Assert.All(english, e => Assert.DoesNotContain(e, html, StringComparison.Ordinal));
    }

    private async Task<HttpClient> ScriptAsync()
    {
        var client = factory.CreateClient();
        return client.WithBearer(await client.GetClientCredentialsTokenAsync());
    }

    /// <summary>A new accepted case (needs counsel, detained) with a random client name; its id and reference.</summary>
    private async Task<(Guid Id, string Reference)> AcceptedCaseAsync()
    {
        using var script = await ScriptAsync();
        var intake = await IntakeRequests.SubmitForViewAsync(script, "Qv" + Guid.NewGuid().ToString("N")[..8], "Spanishpages", "1983-04-05");
        var id = intake.GetProperty("id").GetGuid();
        await IntakeRequests.AcceptAsync(script, intake);
        return (id, intake.GetProperty("reference").GetString()!);
    }

    /// <summary>A released client's case with a master calendar hearing in 60 days, assigned to the demo attorney.</summary>
    private async Task<Guid> AssignedCaseWithDeadlineAsync()
    {
        using var script = await ScriptAsync();
        using var intake = await script.PostAsJsonAsync("/api/v1/intakes", new
        {
            person = new { givenNames = "Lucia", familyNames = "Plazos", aliases = Array.Empty<string>() },
            relatedParties = Array.Empty<object>(),
            custody = "released",
            courtCode = "NYC",
            primaryLanguage = "spa",
            languages = new[] { new { code = "spa", speaks = true, reads = true } },
            reliefSought = new[] { "asylum" },
        });
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        var caseId = (await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var hearing = await script.PostAsJsonAsync($"/api/v1/cases/{caseId}/hearings", new
        {
            type = "master_calendar",
            localDateTime = DateTime.UtcNow.Date.AddDays(60).AddHours(9).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            timeZone = "America/New_York",
            courtCode = "NYC",
            appearance = "in_person",
        });
        Assert.Equal(HttpStatusCode.Created, hearing.StatusCode);
        await CaseAssignments.AssignAsync(factory.Services, caseId, await CaseAssignments.UserIdAsync(factory.Services, $"attorney@{Seeder.DemoEmailDomain}"));
        return caseId;
    }

    [Fact]
    public async Task The_audit_trail_page_speaks_spanish()
    {
        using var manager = await PagesAsync("manager");

        var html = await HtmlAsync(manager, "/Manager/Audit");
        AssertSpanish(html,
            ["Registro de auditoría", "Filtrar"],
            ["Audit trail", "Every read and change", ">From<", "User id", "Field category", "Break-glass access", "Page 1 of", "Next page"]);

        var bad = await HtmlAsync(manager, "/Manager/Audit?from=yesterday");
        AssertSpanish(bad, ["aaaa-mm-dd"], ["One of the filters is not valid"]);
    }

    [Fact]
    public async Task The_break_glass_page_its_grants_and_its_menu_item_speak_spanish()
    {
        var (_, reference) = await AcceptedCaseAsync();
        using var admin = await PagesAsync("admin");

        await PostAsync(admin, "/Admin/BreakGlass", new()
        {
            ["CaseReference"] = reference,
            ["Reason"] = "La clienta pidió una copia de su expediente y su abogada no responde",
            ["Minutes"] = "30",
        }, HttpStatusCode.Redirect);
        var form = await HtmlAsync(admin, "/Admin/BreakGlass");
        AssertSpanish(form,
            ["Acceso de emergencia", "Permisos recientes", "Otorgado (UTC)", ">sí<"],
            ["Break-glass access", "Recent grants", "Granted (UTC)", "Expires (UTC)", ">yes<"]);

        using var manager = await PagesAsync("manager");
        var audit = await HtmlAsync(manager, "/Manager/Audit");
        AssertSpanish(audit, ["Otorgado (UTC)"], ["Granted (UTC)", "Expires (UTC)", ">Live<"]);
        Assert.Contains("<code>break_glass.read</code>", await manager.GetStringAsync("/Manager/Audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_break_glass_duration_that_cannot_be_read_is_shown_at_its_field_and_grants_nothing()
    {
        var (_, reference) = await AcceptedCaseAsync();
        using var admin = await PagesAsync("admin");
        async Task<int> GrantsAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Domain.Cases.BreakGlassGrant>().CountAsync();
        }

        var before = await GrantsAsync();
        var html = await PostAsync(admin, "/Admin/BreakGlass", new()
        {
            ["CaseReference"] = reference,
            ["Reason"] = "La clienta pidió una copia de su expediente y su abogada no responde",
            ["Minutes"] = "abc",
        });

        Assert.Contains("El valor «abc» no es válido", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await GrantsAsync());
    }

    [Fact]
    public async Task The_break_glass_file_names_the_case_status_in_words()
    {
        var (_, reference) = await AcceptedCaseAsync();
        using var admin = await PagesAsync("admin", spanish: false);
        await PostAsync(admin, "/Admin/BreakGlass", new()
        {
            ["CaseReference"] = reference,
            ["Reason"] = "Client asked for a copy of the file; assigned attorney unreachable",
            ["Minutes"] = "30",
        }, HttpStatusCode.Redirect);
        var grantedCase = await GrantedCaseIdAsync(reference);

        var english = await HtmlAsync(admin, $"/Admin/BreakGlass?caseId={grantedCase}");
        Assert.Contains("<dd>Needs counsel</dd>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("NeedsCounsel", english, StringComparison.Ordinal);

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        var spanish = await HtmlAsync(admin, $"/Admin/BreakGlass?caseId={grantedCase}");
        AssertSpanish(spanish, ["<dd>Necesita abogado</dd>", "<dd>Detenido</dd>"], ["NeedsCounsel", "Needs counsel", "<dd>Detained</dd>"]);
    }

    private async Task<Guid> GrantedCaseIdAsync(string reference)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<CounselConnect.Domain.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task The_board_language_filter_speaks_spanish()
    {
        using var attorney = await PagesAsync("attorney");

        var html = await HtmlAsync(attorney, "/Attorney/Board");
        AssertSpanish(html, [">Español (spa)<", ">Criollo haitiano (hat)<"], [">Spanish (spa)<", ">Haitian Creole (hat)<"]);
    }

    [Fact]
    public async Task The_deadlines_of_a_case_speak_spanish_and_keep_the_rule_in_english()
    {
        var caseId = await AssignedCaseWithDeadlineAsync();

        using var attorney = await PagesAsync("attorney");
        var spanish = await HtmlAsync(attorney, $"/Attorney/Case/{caseId}");
        AssertSpanish(spanish,
            ["Escritos antes de una audiencia de calendario maestro (no detenidos)", "15 días naturales antes de la audiencia de calendario maestro"],
            ["Filings before a master calendar hearing", "calendar days before", "Rule version in force", "That is a business day"]);

        using var english = await PagesAsync("attorney", spanish: false);
        var html = WebUtility.HtmlDecode(await english.GetStringAsync($"/Attorney/Case/{caseId}"));
        Assert.Contains("Filings before a master calendar hearing (non-detained)", html, StringComparison.Ordinal);
        Assert.Contains("15 calendar days before the master calendar hearing", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_rules_on_a_new_account_speak_spanish()
    {
        using var admin = await PagesAsync("admin");

        var html = await PostAsync(admin, "/Admin/Users/New", new()
        {
            ["Email"] = $"nueva-{Guid.NewGuid():N}@example.test",
            ["DisplayName"] = "Nueva Persona",
            ["Role"] = "IntakeStaff",
            ["Password"] = "solominusculaslarga",
        });
        AssertSpanish(html,
            ["La contraseña debe tener al menos un dígito", "La contraseña debe tener al menos una letra mayúscula"],
            ["Passwords must have"]);
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_is_named_in_spanish()
    {
        var caseId = await AssignedCaseWithDeadlineAsync();
        using var attorney = await PagesAsync("attorney");

        var html = await PostAsync(attorney, $"/Attorney/Case/{caseId}?handler=Closing", new()
        {
            ["Closing.Outcome"] = "Pending",
            ["Closing.DecisionDate"] = "31/02/2026",
        });
        AssertSpanish(html, ["El valor «31/02/2026» no es válido para Fecha de la decisión."], ["is not valid for"]);
    }

    [Fact]
    public async Task The_users_list_past_its_last_page_says_so_and_links_to_the_last_page()
    {
        int lastPage;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var organisation = await db.Set<ApplicationUser>().Where(u => u.Email == $"admin@{Seeder.DemoEmailDomain}").Select(u => u.OrganisationId).SingleAsync();
            lastPage = Math.Max(1, (int)Math.Ceiling(await db.Set<ApplicationUser>().CountAsync(u => u.OrganisationId == organisation) / 50.0));
        }

        using var admin = await PagesAsync("admin", spanish: false);
        var html = await HtmlAsync(admin, "/Admin/Users?pageNumber=99");
        Assert.DoesNotContain("No accounts yet", html, StringComparison.Ordinal);
        Assert.Contains("There is no page 99", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"?pageNumber={lastPage}\"", html, StringComparison.Ordinal);

        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX");
        var spanish = await HtmlAsync(admin, "/Admin/Users?pageNumber=99");
        AssertSpanish(spanish, ["No existe la página 99", $"href=\"?pageNumber={lastPage}\""], ["There is no page 99", "Todavía no hay cuentas"]);
    }
}
