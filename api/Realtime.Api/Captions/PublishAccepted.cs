namespace Realtime.Api.Captions;

/// <summary>What an accepted Publish did: events applied, repeats of event ids already seen, and the session's last seq.</summary>
public sealed record PublishAccepted(int Accepted, int Duplicates, long LastSeq);
