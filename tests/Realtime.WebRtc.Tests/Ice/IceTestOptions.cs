using Realtime.WebRtc.Ice;

namespace Realtime.WebRtc.Tests.Ice;

internal static class IceTestOptions
{
    public static IceAgentOptions Controlling => new() { Role = IceRole.Controlling };
    public static IceAgentOptions Controlled => new() { Role = IceRole.Controlled };
    public static IceAgentOptions Lite => new() { Role = IceRole.Controlled, Lite = true };
}
