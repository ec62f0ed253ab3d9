namespace Realtime.Api.Viewer;

/// <summary>One file of the viewer page as the build copied it: where it is, how to label it, and its validator.</summary>
internal sealed record ViewerAsset(string Path, string ContentType, DateTimeOffset LastModified, string ETag);
