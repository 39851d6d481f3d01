namespace ReferenceHost.BackOffice.Pages.Shared;

/// <summary>What the cURL examples need: a token (or none, for a placeholder) and the host's address.</summary>
public sealed record CurlExamplesModel(string? Token, string BaseUrl);
