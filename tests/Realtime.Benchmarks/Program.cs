using Realtime.Benchmarks;
using Realtime.Benchmarks.Scenarios;

// One scenario per run (--scenario tokens|captions|memory|cluster|cluster-captions|webrtc|emulator-audio|audio, default tokens); each prints its own table. See README.md.
var options = BenchmarkOptions.Parse(args);
return options.Scenario switch
{
    BenchmarkOptions.Captions => await CaptionsScenario.RunAsync(options),
    BenchmarkOptions.Memory => await MemoryScenario.RunAsync(options),
    BenchmarkOptions.Cluster => await ClusterScenario.RunAsync(options),
    BenchmarkOptions.ClusterCaptions => await ClusterCaptionsScenario.RunAsync(options),
    BenchmarkOptions.WebRtc => await WebRtcScenario.RunAsync(),
    BenchmarkOptions.EmulatorAudio => await EmulatorAudioScenario.RunAsync(),
    BenchmarkOptions.Audio => await AudioScenario.RunAsync(),
    _ => await TokenScenario.RunAsync(options),
};
