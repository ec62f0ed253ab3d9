using Realtime.Client.Wire;

namespace Realtime.Client.Transport;

/// <summary>
/// The server refused a Watch on purpose (<see cref="Code"/>, e.g. <c>not_visible</c>): repeating it cannot succeed.
/// The hub answers the refusal as data (<see cref="WatchAnswer.Refusal"/>); the viewer raises it as this so a caller
/// awaiting <c>StartAsync</c> learns why watching ended.
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

    public CaptionRefusedException(HubRefusal refusal) : base(refusal?.Message) => Code = refusal?.Code;

    /// <summary>The refusal's code (<see cref="HubRefusalCodes"/>).</summary>
    public string? Code { get; }
}
