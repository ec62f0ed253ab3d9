using Realtime.Emulator;

// Standalone host: `dotnet run --project emulator/Realtime.Emulator --urls http://127.0.0.1:5099`.
// Configuration comes from the environment and the command line (Emulator__ApiKeys__0=sk-…).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRealtimeEmulator(builder.Configuration);

var app = builder.Build();
app.UseCors();
app.MapRealtimeEmulator();
app.Run();
