// Nothing to run: this project exists for `dotnet ef` (see DesignTimeContexts.cs and docs/contributing.md).
System.Console.WriteLine("Use: dotnet ef migrations add <Name> --project src/Verification.Storage.EfCore.Sqlite --startup-project tools/migrations/Verification.Storage.EfCore.Design --context SqliteVerificationDbContext");
