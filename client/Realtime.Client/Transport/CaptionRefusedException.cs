namespace Realtime.Client.Transport;

/// <summary>
/// The server refused a call on purpose (not the session's owner, the session is over, malformed events, no
/// such session): repeating it cannot succeed. Every other failure is transient.
/// </summary>
public sealed class CaptionRefusedException : Exception
{
    public CaptionRefusedException()
    {
    }

    public CaptionRefusedException(string message) : base(message)
    {
    }

    public CaptionRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
