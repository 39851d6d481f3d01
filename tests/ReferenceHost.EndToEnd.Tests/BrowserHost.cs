using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Verification.Hosting.Testing;

namespace ReferenceHost.EndToEnd.Tests;

/// <summary>
/// The reference host on a real loopback port (Kestrel), on a fresh database with demo data, and a
/// headless Chromium driving it. Without Chromium the tests fail with a message saying how to get it.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), "verification-chromium-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort();
    private ChromeDriverService? _service;

    public BrowserHost() => Host = new KestrelReferenceHost(_port);

    /// <summary>The host, for its services (stores) and API clients.</summary>
    public ReferenceHostFactory Host { get; }

    /// <summary>The host's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IWebDriver Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: <c>artifacts/screenshots/</c> at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"The end-to-end tests need Chromium and its driver ({ChromiumPath}, {DriverPath}). " +
                "Run ./test.sh, which installs them, or: apt-get install -y chromium chromium-driver." +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: they are required here.)" : string.Empty));
        }

        await ((IAsyncLifetime)Host).InitializeAsync();
        Host.StartServer();
        var addresses = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Directory.CreateDirectory(ScreenshotFolder);

        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        _service.HideCommandPromptWindow = true;
        _service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + _profile);
        Browser = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        Browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        _service?.Dispose();
        await ((IAsyncLifetime)Host).DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }

    /// <summary>Opens a path of the host.</summary>
    public void Open(string path) => Browser.Navigate().GoToUrl(BaseUrl + path);

    /// <summary>Saves a full-window screenshot as <c>artifacts/screenshots/{name}.png</c>.</summary>
    public void Screenshot(string name) =>
        ((ITakesScreenshot)Browser).GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, name + ".png"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Path.GetTempPath();
    }

    /// <summary>
    /// The reference host listening on a loopback port; webhooks may go to loopback (the tests' receiver is on
    /// 127.0.0.1), which production refuses.
    /// </summary>
    private sealed class KestrelReferenceHost : ReferenceHostFactory
    {
        public KestrelReferenceHost(int port) => UseKestrel(options => options.Listen(IPAddress.Loopback, port));

        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Verification:Webhooks:AllowLoopback"] = "true",
            ["Verification:Webhooks:PollInterval"] = "00:00:00.200",
        };
    }
}
