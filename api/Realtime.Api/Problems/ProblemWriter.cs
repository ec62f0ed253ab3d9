using Microsoft.AspNetCore.Mvc;

namespace Realtime.Api.Problems;

/// <summary>Writes problem+json outside endpoints (authentication challenges, middleware).</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = Problem.TitleOf(status),
                Detail = detail,
                Type = $"https://httpstatuses.io/{status}",
            },
        }).AsTask();
    }
}
