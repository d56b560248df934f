using CounselConnect.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CounselConnect.UnitTests.Web;

public sealed class ProblemDetailsExceptionHandlerTests
{
    /// <summary>
    /// The exception handler middleware clears the request's endpoint before it calls the handler; the route of an
    /// unexpected error is read from the handler feature, so the log says where it happened (the route's pattern, no values).
    /// </summary>
    [Fact]
    public async Task An_unexpected_error_is_logged_with_the_route_pattern_it_happened_on()
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var logger = new RecordingLogger();
        var handler = new ProblemDetailsExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), logger);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/cases/2f6d1b2c-0000-0000-0000-000000000001/deadlines";
        context.Response.Body = new MemoryStream();
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/v1/cases/{id:guid}/deadlines"), 0,
            EndpointMetadataCollection.Empty, "HTTP: POST /api/v1/cases/{id:guid}/deadlines => Enter");
        var error = new InvalidOperationException("boom");
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = error, Endpoint = endpoint, Path = context.Request.Path });
        context.SetEndpoint(null);

        Assert.True(await handler.TryHandleAsync(context, error, CancellationToken.None));

        Assert.Equal(500, context.Response.StatusCode);
        var line = Assert.Single(logger.Lines);
        Assert.Equal("Unhandled exception on POST /api/v1/cases/{id:guid}/deadlines", line);
    }

    private sealed class RecordingLogger : ILogger<ProblemDetailsExceptionHandler>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
