using System.Diagnostics;
using BenchmarkDotNet.Running;
using Verification.Benchmarks.Faces;

// dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*'
// dotnet Verification.Benchmarks.dll faces-cpu [runs]: one face comparison's CPU time and wall time (median), for a
// machine too loaded for wall-clock figures to mean much (BenchmarkDotNet measures wall time).
if (args is ["faces-cpu", ..])
{
    var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
    var bench = new FaceBenchmarks();
    bench.Setup();
    for (var i = 0; i < 3; i++)
    {
        bench.Compare();
    }

    var cpu = new List<double>();
    var wall = new List<double>();
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < runs; i++)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        bench.Compare();
        watch.Stop();
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - before).TotalMilliseconds);
        wall.Add(watch.Elapsed.TotalMilliseconds);
    }

    bench.Cleanup();
    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
    Console.WriteLine($"one comparison, {runs} runs: CPU median {Median(cpu):F0} ms (min {cpu.Min():F0}), wall median {Median(wall):F0} ms (min {wall.Min():F0}); load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
