namespace Realtime.Client.Wire;

/// <summary>The hub's answer to <c>Publish</c>: events applied, repeats of event ids already seen, and the session's last seq.</summary>
public sealed record PublishAck(int Accepted, int Duplicates, long LastSeq);
