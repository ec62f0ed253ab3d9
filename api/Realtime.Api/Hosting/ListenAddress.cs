using System.Net;

namespace Realtime.Api.Hosting;

/// <summary>One address Kestrel will listen on, as configured (<see cref="Url"/>) and as a socket address.</summary>
public sealed record ListenAddress(string Url, IPAddress Address, int Port)
{
    /// <summary>True when only this machine can reach it (127.0.0.0/8, ::1, <c>localhost</c>).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>
    /// Reads a Kestrel URL as Kestrel binds it: <c>localhost</c> is loopback; <c>*</c>, <c>+</c> and any other host
    /// name mean every interface. Null for a Unix socket or named pipe, which no network reaches.
    /// </summary>
    public static ListenAddress? Parse(string url)
    {
        var binding = BindingAddress.Parse(url);
        if (binding.IsUnixPipe || binding.IsNamedPipe) return null;
        var host = binding.Host.Trim('[', ']');
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : IPAddress.Any;
        return new ListenAddress(url, address, binding.Port);
    }
}
