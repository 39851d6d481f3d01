using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Verification.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
