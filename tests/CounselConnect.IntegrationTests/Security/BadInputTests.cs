using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CounselConnect.Infrastructure.Persistence;
using CounselConnect.Infrastructure.Seeding;
using CounselConnect.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CounselConnect.IntegrationTests.Security;

/// <summary>
/// The bad-input run: requests generated from the app's own OpenAPI document, each malformed or hostile on purpose
/// (wrong types, unknown fields, huge sizes, broken JSON and encodings, injection strings in typed fields), sent
/// with a valid token of a role the endpoint admits. Not one may answer 5xx, and no table may change.
/// The suite sends BAD_INPUT_REQUESTS requests (default 1,200); the documented run sends 10,000 or more:
/// <c>BAD_INPUT_REQUESTS=10000 dotnet test tests/CounselConnect.IntegrationTests --filter BadInput</c>.
/// </summary>
public abstract class BadInputTests<TFactory>(TFactory factory, ITestOutputHelper output) where TFactory : CounselConnectFactory
{
    private static readonly string[] Hostile =
    [
        "' OR '1'='1", "'; DROP TABLE \"Cases\"; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x/a}", "../../etc/passwd",
        "\u0000", "\uFEFF\u202E", "%00%0d%0a", "A 000-000-000", "-1", "1e309", "9999999999999999999999", "NaN", "true", "[]", "{}",
        "😀😀😀", "null", " ",
    ];

    /// <summary>The in-memory test server refuses a NUL in the path before the app sees it (Kestrel answers 400).</summary>
    private static readonly string[] HostilePath = [.. Hostile.Where(h => !h.Contains('\0', StringComparison.Ordinal))];

    private static readonly string[] CallerPreference = ["IntakeStaff", "Attorney", "ProgramManager", "Administrator", "client"];

    private sealed record Operation(string Method, string Path, string Caller, JsonObject? Body, bool Csv, IReadOnlyList<(string Name, JsonObject Schema)> Query);

    [Fact]
    public async Task Generated_bad_requests_to_every_endpoint_never_answer_5xx_and_change_nothing()
    {
        var target = int.TryParse(Environment.GetEnvironmentVariable("BAD_INPUT_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 1_200;
        var tokens = await TokensAsync();
        JsonObject document;
        using (var anonymous = factory.CreateClient())
        {
            document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        }

        var operations = Operations(document).ToList();
        var skipped = operations.Where(o => o.Body is null && !o.Csv && o.Query.Count == 0 && !o.Path.Contains('{', StringComparison.Ordinal)).ToList();
        operations = operations.Except(skipped).ToList();
        Assert.True(operations.Count >= 30, $"Only {operations.Count} endpoints with input found in the OpenAPI document.");

        var before = await SnapshotAsync();
        var random = new Random(20261201);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        var clients = tokens.ToDictionary(t => t.Key, t => factory.CreateClient().WithBearer(t.Value));
        try
        {
            while (sent < target)
            {
                foreach (var operation in operations)
                {
                    using var request = Build(operation, document, random);
                    using var response = await clients[operation.Caller].SendAsync(request);
                    var status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status >= 500 && failures.Count < 20)
                    {
                        failures.Add($"{operation.Method} {request.RequestUri}: {status} {Truncate(await response.Content.ReadAsStringAsync())}");
                    }

                    if (++sent >= target)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        clock.Stop();
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{sent} requests to {operations.Count} endpoints in {clock.Elapsed.TotalSeconds:F1} s ({sent / clock.Elapsed.TotalSeconds:F0}/s); statuses: ");
        output.WriteLine(summary + string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}×{s.Value}"))));
        output.WriteLine("Endpoints without any input (not sent): " + string.Join(", ", skipped.Select(s => $"{s.Method} {s.Path}")));
        Assert.True(failures.Count == 0, $"{failures.Count}+ responses were 5xx: " + string.Join(" | ", failures));
        Assert.Equal(before, await SnapshotAsync());
        Assert.True(sent >= target);
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] : s;

    private async Task<Dictionary<string, string>> TokensAsync()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var (role, user) in new[] { ("IntakeStaff", "intake"), ("Attorney", "attorney"), ("ProgramManager", "manager"), ("Administrator", "admin") })
        {
            tokens[role] = (await AuthorizationCodeFlow.SignInAsync(factory, $"{user}@{Seeder.DemoEmailDomain}", CounselConnectFactory.DemoPassword)).AccessToken;
        }

        using var c = factory.CreateClient();
        tokens["client"] = await c.GetClientCredentialsTokenAsync();
        return tokens;
    }

    private static string Normalise(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:]+)(:[^}]+)?\}", "{$1}").TrimEnd('/');

    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        var matrix = AuthorizationMatrixTests.Matrix.ToDictionary(m => Normalise(m.Key), m => m.Value, StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, op) in item!.AsObject())
            {
                var verb = method.ToUpperInvariant();
                if (!matrix.TryGetValue(Normalise($"{verb} {path}"), out var callers))
                {
                    continue;
                }

                var caller = CallerPreference.First(c => callers.Contains(c, StringComparer.Ordinal));
                var content = op!["requestBody"]?["content"]?.AsObject();
                var body = content?["application/json"]?["schema"]?.AsObject();
                var csv = content?.ContainsKey("text/csv") == true || (content is not null && body is null);
                var query = (op["parameters"]?.AsArray() ?? [])
                    .Where(p => p!["in"]?.GetValue<string>() == "query")
                    .Select(p => (p!["name"]!.GetValue<string>(), p["schema"]?.AsObject() ?? []))
                    .ToList();
                yield return new Operation(verb, path, caller, body, csv, query);
            }
        }
    }

    private static HttpRequestMessage Build(Operation operation, JsonObject document, Random random)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(operation.Path, @"\{[^}]+\}", _ =>
            random.Next(10) == 0 ? Uri.EscapeDataString(Pick(random, HostilePath)) : Guid.NewGuid().ToString());
        var query = new List<string>();
        foreach (var (name, schema) in operation.Query)
        {
            if (random.Next(2) == 0)
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(WrongScalar(Resolve(schema, document), random))}");
            }
        }

        if (query.Count == 0 && operation.Query.Count > 0)
        {
            var (name, schema) = operation.Query[random.Next(operation.Query.Count)];
            query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(WrongScalar(Resolve(schema, document), random))}");
        }

        var uri = query.Count == 0 ? path : path + "?" + string.Join('&', query);
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), uri);
        if (operation.Body is { } bodySchema)
        {
            request.Content = BadJsonBody(Resolve(bodySchema, document), document, random);
        }
        else if (operation.Csv)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(2) == 0 ? "text/csv" : "application/octet-stream");
        }

        return request;
    }

    private static HttpContent BadJsonBody(JsonObject schema, JsonObject document, Random random)
    {
        var properties = schema["properties"]?.AsObject();
        var kind = properties is { Count: > 0 } ? random.Next(10) : 4 + random.Next(6);
        string text;
        switch (kind)
        {
            case <= 3:
            {
                // A plausible object with one property of the wrong type.
                var valid = Plausible(schema, document, random, 0).AsObject();
                var victim = properties!.ElementAt(random.Next(properties!.Count));
                valid[victim.Key] = WrongType(victim.Value is JsonObject property ? Resolve(property, document) : [], random);
                text = valid.ToJsonString();
                break;
            }

            case 4:
            {
                var valid = Plausible(schema, document, random, 0) as JsonObject ?? [];
                valid["unknown_" + random.Next(1000).ToString(CultureInfo.InvariantCulture)] = Pick(random, Hostile);
                valid["isAdmin"] = true;
                text = valid.ToJsonString();
                break;
            }

            case 5:
                text = Plausible(schema, document, random, 0).ToJsonString() is var s && s.Length > 2 ? s[..(s.Length / 2)] : "{";
                break;
            case 6:
                text = Pick(random, ["null", "[]", "\"text\"", "42", "true", "", "{\"a\":", "{{}}", "[{}]"]);
                break;
            case 7:
                text = new string('[', 5000) + new string(']', 5000);
                break;
            case 8:
                text = "{\"" + (properties?.FirstOrDefault().Key ?? "x") + "\":\"" + new string('x', 2_000_000) + "\",\"zz_unknown\":1}";
                break;
            default:
            {
                // Invalid UTF-8 (an overlong encoding and a lone continuation byte) inside a string.
                var bytes = Encoding.UTF8.GetBytes("{\"" + (properties?.FirstOrDefault().Key ?? "x") + "\":\"ab").Concat(new byte[] { 0xC0, 0xAF, 0x80, 0xFF })
                    .Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return content;
            }
        }

        return new StringContent(text, Encoding.UTF8, random.Next(8) == 0 ? "text/plain" : "application/json");
    }

    private static JsonObject Resolve(JsonObject schema, JsonObject document)
    {
        var reference = schema["$ref"]?.GetValue<string>();
        if (reference is not null)
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

    private static JsonNode Plausible(JsonObject schema, JsonObject document, Random random, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone() ?? JsonValue.Create("x")!;
        }

        switch (TypeOf(schema))
        {
            case "object":
            {
                var result = new JsonObject();
                foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
                {
                    if (depth < 4)
                    {
                        result[name] = Plausible(Resolve(property!.AsObject(), document), document, random, depth + 1);
                    }
                }

                return result;
            }

            case "array":
                return schema["items"] is JsonObject items && depth < 4 ? new JsonArray(Plausible(Resolve(items, document), document, random, depth + 1)) : [];
            case "integer":
                return JsonValue.Create(random.Next(1, 100));
            case "number":
                return JsonValue.Create(random.NextDouble());
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
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

    /// <summary>A value of the wrong JSON type (or an impossible value of the right one) for the schema.</summary>
    private static JsonNode WrongType(JsonObject schema, Random random) => TypeOf(schema) switch
    {
        "string" when schema["format"] is not null || schema["enum"] is not null => JsonValue.Create(Pick(random, Hostile))!,
        "string" => random.Next(2) == 0 ? JsonValue.Create(12345.678) : new JsonObject { ["nested"] = Pick(random, Hostile) },
        "integer" or "number" => random.Next(2) == 0 ? JsonValue.Create(Pick(random, Hostile))! : JsonValue.Create("1e400")!,
        "boolean" => JsonValue.Create(Pick(random, ["yes", "1", "TRUE!"]))!,
        "array" => random.Next(2) == 0 ? JsonValue.Create(Pick(random, Hostile))! : new JsonObject { ["a"] = 1 },
        "object" => new JsonArray(1, 2, 3),
        _ => new JsonArray(new JsonArray(new JsonArray())),
    };

    /// <summary>A query-string value the parameter's type cannot hold.</summary>
    private static string WrongScalar(JsonObject schema, Random random) => TypeOf(schema) switch
    {
        "integer" or "number" => Pick(random, ["abc", "1.5e999", "99999999999999999999", "-2147483649", "0x10", "", "' OR 1=1 --"]),
        "boolean" => Pick(random, ["maybe", "2", ""]),
        "string" when schema["format"] is not null => Pick(random, ["2026-13-45", "not-a-date", "00000000-0000-0000-0000-0000000000000", "' OR 1=1 --"]),
        _ => random.Next(4) == 0 ? new string('x', random.Next(1_000, 6_000)) : Pick(random, Hostile),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private Task<string> SnapshotAsync() => DatabaseSnapshot.ContentHashAsync(factory.Services);
}

public sealed class SqliteBadInputTests(SqliteFactory factory, ITestOutputHelper output)
    : BadInputTests<SqliteFactory>(factory, output), IClassFixture<SqliteFactory>;

public sealed class PostgresBadInputTests(PostgresFactory factory, ITestOutputHelper output)
    : BadInputTests<PostgresFactory>(factory, output), IClassFixture<PostgresFactory>;
