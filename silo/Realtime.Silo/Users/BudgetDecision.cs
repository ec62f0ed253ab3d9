namespace Realtime.Silo.Users;

/// <summary>What <see cref="SlidingWindowBudget.Decide"/> answers: allowed, or which limit refuses and for how long.</summary>
public readonly record struct BudgetDecision(string? RefusedBy, TimeSpan RetryAfter)
{
    public static BudgetDecision Allow => default;

    public bool Allowed => RefusedBy is null;

    public static BudgetDecision Refuse(string limit, TimeSpan retryAfter) => new(limit, retryAfter);
}
