namespace CounselConnect.Application;

/// <summary>Marker type used to find this assembly (Mediator, FluentValidation registration).</summary>
public sealed class ApplicationAssemblyMarker;
