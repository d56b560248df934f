using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// No mass assignment: for every endpoint of the OpenAPI document that takes a JSON body, a body of the right shape
/// plus one property the request does not declare (an unknown one, or one a client must never set such as "id",
/// "organisationId" or "status", and the same inside a nested object) is refused with 400 ProblemDetails naming that
/// property, and nothing is stored.
/// </summary>
public abstract class MassAssignmentTests<TFactory>(TFactory factory) where TFactory : CounselConnectFactory
{
    private static readonly string[] CallerPreference = ["IntakeStaff", "Attorney", "ProgramManager", "Administrator", "client"];
    private static readonly string[] Forbidden = ["id", "organisationId", "status", "officeId", "createdBy", "isAdmin"];

    [Fact]
    public async Task Undeclared_properties_in_any_json_body_are_refused_with_a_field_error_and_nothing_is_stored()
    {
        JsonObject document;
        using (var anonymous = factory.CreateClient())
        {
            document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        }

        var clients = await ClientsAsync();
        var matrix = AuthorizationMatrixTests.Matrix.ToDictionary(m => Normalise(m.Key), m => m.Value, StringComparer.Ordinal);
        var problems = new List<string>();
        var endpoints = 0;
        var sent = 0;
        var before = await CountsAsync();
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, op) in item!.AsObject())
            {
                var schemaRef = op!["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
                if (schemaRef is null || !matrix.TryGetValue(Normalise($"{method.ToUpperInvariant()} {path}"), out var callers))
                {
                    continue;
                }

                var schema = Resolve(schemaRef, document);
                if (schema["properties"] is not JsonObject declared)
                {
                    continue;
                }

                endpoints++;
                var caller = CallerPreference.First(c => callers.Contains(c, StringComparer.Ordinal));
                var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", Guid.NewGuid().ToString());
                var extras = Forbidden.Where(f => !declared.ContainsKey(f)).Append("unknownField").Select(f => (Path: f, Nested: (string?)null)).ToList();
                var nested = declared.Where(p => p.Value?["readOnly"]?.GetValue<bool>() != true)
                    .Select(p => (p.Key, Schema: Resolve(p.Value!.AsObject(), document)))
                    .FirstOrDefault(p => p.Schema["properties"] is JsonObject && p.Schema["readOnly"]?.GetValue<bool>() != true);
                if (nested.Key is not null)
                {
                    extras.Add((nested.Key + ".unknownField", nested.Key));
                }

                foreach (var (field, parent) in extras)
                {
                    var body = Plausible(schema, document, 0).AsObject();
                    if (parent is null)
                    {
                        body[field] = field == "isAdmin" ? JsonValue.Create(true) : JsonValue.Create(Guid.NewGuid().ToString());
                    }
                    else
                    {
                        body[parent] ??= new JsonObject();
                        body[parent]!.AsObject()["unknownField"] = "x";
                    }

                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                    {
                        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    using var response = await clients[caller].SendAsync(request);
                    sent++;
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        problems.Add($"{method.ToUpperInvariant()} {path} with '{field}': {(int)response.StatusCode}");
                        continue;
                    }

                    var errors = JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var e) ? e : default;
                    if (errors.ValueKind != JsonValueKind.Object
                        || !errors.EnumerateObject().Any(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)))
                    {
                        problems.Add($"{method.ToUpperInvariant()} {path} with '{field}': no field error names it ({text[..Math.Min(600, text.Length)]})");
                    }
                }
            }
        }

        Assert.True(endpoints >= 20, $"Only {endpoints} endpoints with a JSON body found.");
        Assert.True(problems.Count == 0, $"{problems.Count} of {sent} requests to {endpoints} endpoints: " + string.Join("; ", problems));
        Assert.Equal(before, await CountsAsync());
    }

    private async Task<Dictionary<string, HttpClient>> ClientsAsync()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (role, user) in new[] { ("IntakeStaff", "intake"), ("Attorney", "attorney"), ("ProgramManager", "manager"), ("Administrator", "admin") })
        {
            var tokens = await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword);
            clients[role] = factory.CreateClient().WithBearer(tokens.AccessToken);
        }

        var client = factory.CreateClient();
        clients["client"] = client.WithBearer(await client.GetClientCredentialsTokenAsync());
        return clients;
    }

    private static string Normalise(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:]+)(:[^}]+)?\}", "{$1}").TrimEnd('/');

    private static JsonObject Resolve(JsonObject schema, JsonObject document)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
        }

        return (schema["oneOf"] ?? schema["anyOf"]) is JsonArray options
            ? options.Select(o => Resolve(o!.AsObject(), document)).FirstOrDefault(o => TypeOf(o) != "null") ?? schema
            : schema;
    }

    private static string TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        _ => schema.ContainsKey("properties") ? "object" : schema.ContainsKey("enum") ? "string" : "any",
    };

    /// <summary>A body of the declared shape (first enum value, small numbers, plain text).</summary>
    private static JsonNode Plausible(JsonObject schema, JsonObject document, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone() ?? JsonValue.Create("x")!;
        }

        switch (TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    if (depth < 4)
                    {
                        result[name] = Plausible(Resolve(property!.AsObject(), document), document, depth + 1);
                    }
                }

                return result;
            case "array":
                return new JsonArray();
            case "integer":
                return JsonValue.Create(1);
            case "number":
                return JsonValue.Create(0.5);
            case "boolean":
                return JsonValue.Create(true);
            default:
                return JsonValue.Create(schema["format"]?.GetValue<string>() switch
                {
                    "uuid" => Guid.NewGuid().ToString(),
                    "date" => "2026-03-04",
                    "date-time" => "2026-03-04T10:00:00Z",
                    "email" => "someone@example.test",
                    _ => "text",
                })!;
        }
    }

    /// <summary>Row counts of every table of the model except the audit trail and the token store.</summary>
    private async Task<string> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            if (table == "AuditEntries" || table.StartsWith("OpenIddict", StringComparison.Ordinal))
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}:{await command.ExecuteScalarAsync()}");
        }

        return string.Join(",", counts);
    }
}

public sealed class SqliteMassAssignmentTests(SqliteFactory factory) : MassAssignmentTests<SqliteFactory>(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresMassAssignmentTests(PostgresFactory factory) : MassAssignmentTests<PostgresFactory>(factory), IClassFixture<PostgresFactory>;
