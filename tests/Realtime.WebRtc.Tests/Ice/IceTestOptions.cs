using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

internal static class IceTestOptions
{
    public static IceAgentOptions Controlling => new() { Role = IceRole.Controlling };
    public static IceAgentOptions Controlled => new() { Role = IceRole.Controlled };

    /// <summary>No role given: a lite agent is controlled whatever the options say.</summary>
    public static IceAgentOptions Lite => new() { Lite = true };
}
