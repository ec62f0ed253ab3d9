namespace Realtime.Api.Problems;

/// <summary>
/// Declares the problem+json answers an endpoint gives, so /openapi/v1.json lists each error status next to the
/// success schema. A <see cref="ProblemHttpResult"/> picks its status at run time, so the statuses are named here.
/// </summary>
public static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses) builder.ProducesProblem(status);
        return builder;
    }
}
