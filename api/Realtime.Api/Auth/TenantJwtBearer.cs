using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Realtime.Api.Problems;
using Realtime.Api.Tenants;
using Realtime.Api.Upstream;

namespace Realtime.Api.Auth;

/// <summary>
/// JwtBearer set up for many tenants: <see cref="TenantTokenHandler"/> validates each token with the key (and the
/// issuer and audience, when set) of the tenant its <c>tid</c> names. HS256 only, numeric <c>exp</c> required,
/// 30 s of clock skew.
/// </summary>
public static class TenantJwtBearer
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddTenantJwtBearer(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TenantPolicyCache>((options, cache) => Configure(options, new TenantTokenHandler(cache)));
        services.AddAuthorization();
        return services;
    }

    /// <summary>What every user JWT must satisfy: HS256 only, signed, exp required, 30 s of skew; no key yet.</summary>
    public static TokenValidationParameters ValidationParameters() => new()
    {
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = ClockSkew,
        NameClaimType = ClaimNames.Subject,
    };

    private static void Configure(JwtBearerOptions options, TenantTokenHandler handler)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = ValidationParameters();
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = ReceiveToken,
            OnChallenge = WriteChallengeAsync,
        };
    }

    /// <summary>
    /// Leaves the emulator's OpenAI routes (mounted on this host in Development) to the emulator: their bearer is an
    /// OpenAI key or secret, which the emulator checks itself, and reading it as a JWT would only fail, at the cost
    /// of an exception per upstream call. True when the request was left alone.
    /// </summary>
    public static bool SkipsOpenAIRoute(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments(UpstreamEndpoint.RealtimeRoutePrefix)) return false;
        context.NoResult();
        return true;
    }

    private static Task ReceiveToken(MessageReceivedContext context)
    {
        if (!SkipsOpenAIRoute(context)) context.Token = TokenOf(context.Request, context.HttpContext.Request.Path);
        return Task.CompletedTask;
    }

    private static string? TokenOf(HttpRequest request, PathString path)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        // Browsers cannot set headers on WebSockets/EventSource: SignalR passes the token in the query.
        // Only hub paths accept it there, so tokens do not end up in other URLs' logs.
        if (!path.StartsWithSegments("/hubs")) return null;
        var query = request.Query["access_token"].ToString();
        return query.Length > 0 ? query : null;
    }

    private static Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ChallengeDetail(context));
    }

    private static string ChallengeDetail(JwtBearerChallengeContext context) => context.AuthenticateFailure switch
    {
        null => "A bearer token is required: send 'Authorization: Bearer <jwt>' signed by your tenant.",
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNoExpirationException => "The bearer token has no exp claim; tokens must expire.",
        SecurityTokenInvalidAlgorithmException => "The bearer token must be signed with HS256.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The bearer token's signature is not valid for its tenant, or the tenant is unknown.",
        SecurityTokenMalformedException => "The bearer token is not a well-formed JWT.",
        SecurityTokenInvalidIssuerException => "The bearer token's iss is not the issuer its tenant requires.",
        SecurityTokenInvalidAudienceException => "The bearer token's aud is not the audience its tenant requires.",
        IdentityClaimsException refused => refused.Message,
        _ => "The bearer token is not valid.",
    };
}
