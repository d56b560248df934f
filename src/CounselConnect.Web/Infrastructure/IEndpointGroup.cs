namespace CounselConnect.Web.Infrastructure;

/// <summary>One feature's routes. Every route names itself and states an authorization policy (or is anonymous).</summary>
public interface IEndpointGroup
{
    static abstract void Map(IEndpointRouteBuilder app);
}
