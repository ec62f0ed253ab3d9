namespace Realtime.Client.Transport;

/// <summary>
/// The server refused a Watch on purpose (no such session visible to the token): repeating it cannot succeed.
/// Every other failure is transient. Publish refusals are data instead (<see cref="Wire.PublishRefusal"/>).
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
