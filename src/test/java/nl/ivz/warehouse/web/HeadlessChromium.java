package nl.ivz.warehouse.web;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's chromium and chromium-driver, headless, with a fresh profile and download folder. Missing browsers
 * fail the test with the install command (CI must not pass silently); IVZ_SKIP_BROWSER=1 skips it on purpose.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(env("IVZ_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(env("IVZ_CHROMEDRIVER", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final ChromeDriverService service;

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    /** Skips when IVZ_SKIP_BROWSER=1, fails with a clear message when the browser or its driver is missing. */
    static void requireBrowser() {
        if ("1".equals(System.getenv("IVZ_SKIP_BROWSER"))) {
            Assumptions.abort("IVZ_SKIP_BROWSER=1: the web page browser test is skipped");
        }
        StringBuilder missing = new StringBuilder();
        if (!Files.isExecutable(CHROMIUM)) missing.append(' ').append(CHROMIUM);
        if (!Files.isExecutable(DRIVER)) missing.append(' ').append(DRIVER);
        if (missing.length() > 0) {
            Assertions.fail("The web page test needs headless Chromium, but these are missing:" + missing
                    + ". Install Debian's packages: apt-get install -y chromium chromium-driver (.ci/run does this),"
                    + " point IVZ_CHROMIUM / IVZ_CHROMEDRIVER at other paths, or set IVZ_SKIP_BROWSER=1 to skip on purpose.");
        }
    }

    HeadlessChromium(int width, int height) throws IOException {
        profile = Files.createTempDirectory("ivz-chromium-profile");
        downloads = Files.createTempDirectory("ivz-chromium-downloads");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=nl-NL", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        // the tests download several files from one page without reloading it; Chromium asks before a page's
        // further automatic downloads unless this setting allows them
        prefs.put("profile.default_content_setting_values.automatic_downloads", 1);
        prefs.put("intl.accept_languages", "nl-NL,nl");
        o.setExperimentalOption("prefs", prefs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    }

    /** The whole page as PNG (beyond the window's height), for the README. */
    byte[] fullPageScreenshot() {
        Number w = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number hgt = (Number) driver.executeScript("return Math.min(6000, document.documentElement.scrollHeight)");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", w, "height", hgt, "scale", 1);
        Object r = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        return r == null ? driver.getScreenshotAs(OutputType.BYTES) : Base64.getDecoder().decode(r.toString());
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
            deleteTree(downloads);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
