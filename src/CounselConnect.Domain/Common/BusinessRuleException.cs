namespace CounselConnect.Domain.Common;

/// <summary>A domain rule was broken. Mapped to HTTP 409 with the rule's name and message (never personal data).</summary>
public sealed class BusinessRuleException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
