namespace CounselConnect.Domain.People;

/// <summary>A language a person uses, as an ISO 639-3 code, with speaking and reading recorded apart.</summary>
public sealed record LanguageSkill(string Code, bool Speaks, bool Reads);
