namespace CounselConnect.Infrastructure;

/// <summary>Marker type used to find this assembly.</summary>
public sealed class InfrastructureAssemblyMarker;
