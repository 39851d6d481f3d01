namespace Verification.Core.Documents;

/// <summary>What the user typed about themselves (the API's <c>userInput</c>); every member is optional.</summary>
/// <param name="FirstName">Given names.</param>
/// <param name="LastName">Surname.</param>
/// <param name="BirthDate">Date of birth.</param>
public sealed record HolderInput(string? FirstName, string? LastName, DateOnly? BirthDate = null);
