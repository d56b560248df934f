namespace CounselConnect.Application.Common.Exceptions;

/// <summary>The caller is authenticated but may not do this. Mapped to 403.</summary>
public sealed class ForbiddenAccessException(string reason = "You do not have access to this resource.") : Exception(reason);
