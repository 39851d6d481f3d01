using ReferenceHost;
using ReferenceHost.Cli;

// One binary, two roles: "admin ..." runs a command against the same configuration and database as the
// server; anything else starts the server.
if (args.Length > 0 && args[0] == "admin")
{
    return await AdminCommandLine.RunAsync(args, Console.Out, Console.Error);
}

var app = HostSetup.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c>.</summary>
public partial class Program;
