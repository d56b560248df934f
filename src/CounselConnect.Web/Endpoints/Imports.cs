using CounselConnect.Application.Imports;
using CounselConnect.Application.Imports.GetPartyImport;
using CounselConnect.Application.Imports.StartPartyImport;
using CounselConnect.Web.Infrastructure;
using CounselConnect.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CounselConnect.Web.Endpoints;

/// <summary>Bringing a program's history in from spreadsheets or another system.</summary>
public sealed class Imports : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/imports").WithTags("Imports").RequireAuthorization(Policies.Imports);
        group.MapPost("/parties", StartParties)
            .WithName("StartPartyImport")
            .WithSummary("Upload a CSV of parties (text/csv body, or multipart form field 'file'); processed in the background")
            // One list of the two media types: routing reads only the last Accepts, so two calls admitted text/csv only.
            .Accepts<IFormFile>("multipart/form-data", "text/csv")
            .ProducesValidationProblem()
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(StartPartyImportValidator.MaxBytes));
        group.MapGet("/{id:guid}", Get).WithName("GetPartyImport").WithSummary("Progress and row errors of an import").ProducesProblem(404);
    }

    private static async Task<Results<Accepted<PartyImportDto>, ProblemHttpResult>> StartParties(HttpRequest request, ISender sender, CancellationToken ct)
    {
        string fileName;
        byte[] content;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return TypedResults.Problem(statusCode: 400, title: "No file", detail: "Send the CSV in the form field 'file'.");
            }

            fileName = file.FileName;
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            fileName = "upload.csv";
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        else
        {
            return TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: "Send the CSV as a text/csv body or as the form field 'file' of a multipart/form-data request.");
        }

        var import = await sender.Send(new StartPartyImportCommand(fileName, content), ct);
        return TypedResults.Accepted($"/api/v1/imports/{import.Id}", import);
    }

    private static async Task<Ok<PartyImportDto>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPartyImportQuery(id), ct));
}
