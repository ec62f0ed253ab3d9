using System.Text.Json.Nodes;

namespace Realtime.Emulator.Calls;

/// <summary>What a <c>POST /v1/realtime/calls</c> body carries: the SDP offer and, in the multipart form, a session.</summary>
internal sealed record CallOffer(string Sdp, JsonObject? Session);
