using Realtime.Api.Hosting;

var app = RealtimeApi.Build(args);
await app.RunAsync();
