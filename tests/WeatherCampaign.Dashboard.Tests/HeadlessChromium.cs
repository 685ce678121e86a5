using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace WeatherCampaign.Dashboard.Tests;

/// <summary>
/// Debian's headless Chromium and its chromedriver (<c>apt-get install -y chromium chromium-driver</c>; .ci/run installs them).
/// Missing, the test fails and says what to install: a page test that skips proves nothing.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private HeadlessChromium(ChromeDriver driver) => Driver_ = driver;

    private ChromeDriver Driver_ { get; }

    public IWebDriver Page => Driver_;

    public static HeadlessChromium Start(int width = 1400, int height = 2000)
    {
        foreach (var file in new[] { Browser, Driver })
        {
            if (!File.Exists(file))
            {
                Assert.Fail($"{file} is missing: the status page is tested in headless Chromium. Install it with 'apt-get install -y chromium chromium-driver' (.ci/run does).");
            }
        }

        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--window-size={width},{height}",
            // Loopback only: the page must work without the internet.
            "--proxy-server=direct://", "--proxy-bypass-list=*", "--disable-background-networking", "--disable-component-update");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromMinutes(1)));
    }

    /// <summary>Waits for the page to say so (its script sets <c>body[data-loaded]</c> after each refresh), never for a fixed time.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(Driver_, TimeSpan.FromSeconds(30)) { Message = "waiting for " + what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public string Loaded => Driver_.FindElement(By.TagName("body")).GetAttribute("data-loaded") ?? "";

    /// <summary>Clicks, then waits until the page has refreshed after the action.</summary>
    public void ClickAndWaitForRefresh(IWebElement element)
    {
        var before = Loaded;
        element.Click();
        WaitFor(_ => Loaded != before && Loaded.Length > 0, "the page to refresh after the action");
    }

    /// <summary>The page as it is now, as a PNG, for a person to look at (the run keeps it as an artifact).</summary>
    public string SaveScreenshot(TestContext context, string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } results
            ? results
            : Path.Combine(WeatherCampaign.DevTools.AzuriteServer.FindRepositoryRoot(), "TestResults");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        // Tall enough for the whole page: Chromium's screenshot covers the window.
        var height = Convert.ToInt32(((IJavaScriptExecutor)Driver_).ExecuteScript("return document.documentElement.scrollHeight;"), System.Globalization.CultureInfo.InvariantCulture);
        Driver_.Manage().Window.Size = new System.Drawing.Size(Driver_.Manage().Window.Size.Width, Math.Min(Math.Max(height + 40, 800), 8000));
        Driver_.GetScreenshot().SaveAsFile(path);
        context.AddResultFile(path);
        return path;
    }

    public void Dispose() => Driver_.Quit();
}
