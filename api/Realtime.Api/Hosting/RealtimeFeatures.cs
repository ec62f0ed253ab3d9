namespace Realtime.Api.Hosting;

/// <summary>
/// Which optional parts this node runs, decided once from configuration: the dev tenant and /dev/token
/// (<c>Dev:Enabled</c>, default on in Development) and the mounted emulator (<c>Emulator:Enabled</c>,
/// default on when the dev features are on and no OpenAI key is configured).
/// </summary>
public sealed record RealtimeFeatures(bool Dev, bool Emulator)
{
    public static RealtimeFeatures From(IConfiguration config, IHostEnvironment environment)
    {
        var dev = config.GetValue<bool?>("Dev:Enabled") ?? environment.IsDevelopment();
        var hasKey = !string.IsNullOrWhiteSpace(config["OpenAI:ApiKey"]);
        var emulator = config.GetValue<bool?>("Emulator:Enabled") ?? (dev && !hasKey);
        return new RealtimeFeatures(dev, emulator);
    }
}
