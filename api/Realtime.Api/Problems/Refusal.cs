namespace Realtime.Api.Problems;

/// <summary>
/// Why a reader or builder refused its input: the sentence for <c>detail</c>, the field it concerns (its JSON path)
/// and the HTTP status. Readers return it as data, so every endpoint turns it into the same problem+json.
/// </summary>
public sealed record Refusal(string Detail, string? Param, int Status = StatusCodes.Status400BadRequest)
{
    /// <summary>The problem+json answer, with <c>param</c> when the refusal names a field.</summary>
    public ProblemHttpResult ToProblem() =>
        Problem.Of(Status, Detail, Param is null ? null : new Dictionary<string, object?> { ["param"] = Param });
}
