using Realtime.Cli.Hosting;

return await CliApplication.RunAsync(args);
