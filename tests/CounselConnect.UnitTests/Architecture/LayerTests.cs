using NetArchTest.Rules;

namespace CounselConnect.UnitTests.Architecture;

/// <summary>Dependencies point inwards only: Domain &lt;- Application &lt;- Infrastructure &lt;- Web.</summary>
public sealed class LayerTests
{
    private const string Domain = "CounselConnect.Domain";
    private const string Application = "CounselConnect.Application";
    private const string Infrastructure = "CounselConnect.Infrastructure";
    private const string Web = "CounselConnect.Web";

    [Fact]
    public void Domain_depends_on_no_other_layer_nor_on_frameworks()
    {
        var result = Types.InAssembly(typeof(Domain.Common.Entity).Assembly)
            .ShouldNot().HaveDependencyOnAny(Application, Infrastructure, Web, "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Mediator")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Application_does_not_depend_on_infrastructure_or_web()
    {
        var result = Types.InAssembly(typeof(Application.ApplicationAssemblyMarker).Assembly)
            .ShouldNot().HaveDependencyOnAny(Infrastructure, Web, "Microsoft.AspNetCore", "Hangfire", "OpenIddict")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_web()
    {
        var result = Types.InAssembly(typeof(Infrastructure.InfrastructureAssemblyMarker).Assembly)
            .ShouldNot().HaveDependencyOn(Web)
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Handlers_are_public_and_sealed()
    {
        var result = Types.InAssembly(typeof(Application.ApplicationAssemblyMarker).Assembly)
            .That().HaveNameEndingWith("Handler")
            .Should().BePublic().And().BeSealed()
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
