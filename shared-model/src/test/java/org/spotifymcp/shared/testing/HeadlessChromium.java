package org.spotifymcp.shared.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through its chromedriver with a fresh profile, for
 * the browser tests of the admin UI and the listener's pages; whole-page screenshots
 * under {@code target/screenshots/}, checked to show real content. The binaries come from
 * the {@code chromium.binary} and {@code chromedriver.binary} system properties, by
 * default Debian's paths.
 */
public final class HeadlessChromium implements AutoCloseable {

	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private HeadlessChromium(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	/**
	 * Starts a browser for one application.
	 * @param baseUrl the application's origin, which {@link #go} prefixes
	 * @return the browser
	 */
	public static HeadlessChromium open(String baseUrl) {
		try {
			Path profile = Files.createTempDirectory("test-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(chromium());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
					"--user-data-dir=" + profile, "--window-size=1280,1000");
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(Path.of(chromedriver()).toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new HeadlessChromium(driver, profile, baseUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String chromium() {
		return System.getProperty("chromium.binary", "/usr/bin/chromium");
	}

	public static String chromedriver() {
		return System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	public void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	/**
	 * Waits for the element, so a page still loading after a click is not mistaken for a
	 * wrong page.
	 */
	public WebElement find(String css) {
		return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	public void click(String css) {
		waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

	/**
	 * Waits until the element shows the text: after a click the old page's element may
	 * still be found, and go stale, before the new page has loaded.
	 */
	public void awaitText(String css, String expected) {
		waiting().ignoring(StaleElementReferenceException.class)
			.withMessage(() -> css + " never showed '" + expected + "'")
			.until((driver) -> expected.equals(driver.findElement(By.cssSelector(css)).getText()));
	}

	public String text() {
		return textOf("body");
	}

	/**
	 * The element's text, found again if htmx or a page load replaced it while it was
	 * read.
	 */
	public String textOf(String css) {
		return waiting().ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector(css)).getText());
	}

	/** Like {@link #textOf(String)}, for an attribute or property. */
	public String attributeOf(String css, String name) {
		return waiting().ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector(css)).getAttribute(name));
	}

	/** Waits until the element's attribute (as written in the DOM) has the value. */
	public void awaitAttribute(String css, String name, String value) {
		waiting().ignoring(StaleElementReferenceException.class)
			.withMessage(() -> css + " never had " + name + "=" + value)
			.until((driver) -> value.equals(driver.findElement(By.cssSelector(css)).getDomAttribute(name)));
	}

	/** Waits until every chart of the page was drawn by charts.js. */
	public void awaitCharts() {
		waiting().until((driver) -> driver.findElements(By.cssSelector("canvas[data-chart]"))
			.stream()
			.allMatch((canvas) -> "true".equals(canvas.getDomAttribute("data-rendered"))));
	}

	/**
	 * The names on the y axis of every horizontal bar chart of the page, as drawn: the
	 * tick's label, the chart's full name behind it, and the x position where the drawn
	 * label starts (negative when Chart.js would cut it off on the left).
	 * @return one map per tick: {@code label}, {@code name}, {@code left}
	 */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> nameAxisTicks() {
		return (List<Map<String, Object>>) this.driver.executeScript(
				"""
						const ticks = [];
						document.querySelectorAll("canvas[data-rendered='true']").forEach((canvas) => {
							const chart = Chart.getChart(canvas);
							if (chart.options.indexAxis !== 'y') {
								return;
							}
							const axis = chart.scales.y;
							const ctx = chart.ctx;
							ctx.save();
							ctx.font = Chart.helpers.toFont(axis.options.ticks.font).string;
							const inset = axis.options.ticks.padding + (axis.options.grid.drawTicks ? axis.options.grid.tickLength : 0);
							axis.ticks.forEach((tick, index) => ticks.push({ label: String(tick.label),
								name: chart.data.labels[index], left: axis.right - inset - ctx.measureText(String(tick.label)).width }));
							ctx.restore();
						});
						return ticks;""");
	}

	/**
	 * Checks that every name on the y axis of the page's bar charts starts inside its
	 * canvas (Chart.js gives that axis at most half the width and would cut long names
	 * off on the left; {@code charts.js} shortens them with an ellipsis instead).
	 * @return the ticks checked
	 */
	public List<Map<String, Object>> assertNamesFitTheirAxes() {
		List<Map<String, Object>> ticks = nameAxisTicks();
		assertThat(ticks).allSatisfy(
				(tick) -> assertThat(((Number) tick.get("left")).doubleValue()).as("left edge of " + tick.get("label"))
					.isGreaterThanOrEqualTo(-1));
		return ticks;
	}

	/**
	 * Whether the page is wider than the window, so a phone would scroll it sideways
	 * (tables that scroll inside their own box do not count).
	 */
	public boolean scrollsSideways() {
		return (Boolean) this.driver
			.executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
	}

	public String cookie(String name) {
		return this.driver.manage().getCookieNamed(name).getValue();
	}

	public WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	public void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Saves a whole-page screenshot and checks it is a real page: the expected text is on
	 * it and the picture is not a blank or single-colour image.
	 * @param name file name without extension
	 * @param expectedText text the page must show
	 * @return the file
	 */
	public Path screenshot(String name, String expectedText) {
		assertThat(text()).as("text of " + name).contains(expectedText);
		// the whole page, not just the viewport: grow the window to the document for the
		// shot
		Dimension viewport = this.driver.manage().window().getSize();
		Number height = (Number) this.driver.executeScript("return document.documentElement.scrollHeight");
		this.driver.manage()
			.window()
			.setSize(new Dimension(viewport.getWidth(),
					Math.min(4000, Math.max(viewport.getHeight(), height.intValue() + 140))));
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		this.driver.manage().window().setSize(viewport);
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, png);
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
			assertThat(image.getWidth()).isGreaterThan(300);
			assertThat(distinctColours(image)).as("colours in " + name).isGreaterThan(20);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int distinctColours(BufferedImage image) {
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 4) {
			for (int x = 0; x < image.getWidth(); x += 4) {
				colours.add(image.getRGB(x, y));
			}
		}
		return colours.size();
	}

	@Override
	public void close() {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp profile does no harm
		}
	}

}
