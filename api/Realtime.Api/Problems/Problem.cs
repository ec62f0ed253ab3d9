using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Realtime.Api.Problems;

/// <summary>
/// Builds the RFC 7807 answers every endpoint uses, so a status always comes with the same title,
/// a human sentence in <c>detail</c>, and optional machine-readable extensions.
/// </summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = TitleOf(status),
            Detail = detail,
            Type = $"https://httpstatuses.io/{status}",
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    public static ProblemHttpResult BadRequest(string detail, string? param = null) =>
        Of(StatusCodes.Status400BadRequest, detail, param is null ? null : new Dictionary<string, object?> { ["param"] = param });

    public static ProblemHttpResult Unauthorized(string detail) => Of(StatusCodes.Status401Unauthorized, detail);

    public static ProblemHttpResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, detail);

    public static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        413 => "Payload too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => status >= 500 ? "Server error" : "Request failed",
    };
}
