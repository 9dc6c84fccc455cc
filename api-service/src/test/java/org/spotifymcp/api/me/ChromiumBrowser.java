package org.spotifymcp.api.me;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
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
 * Debian's headless Chromium through its chromedriver with a fresh profile; screenshots
 * of whole pages under {@code target/screenshots/}, checked to show real content.
 */
final class ChromiumBrowser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	ChromiumBrowser(String baseUrl) throws IOException {
		this.baseUrl = baseUrl;
		this.profile = Files.createTempDirectory("listener-ui-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
				"--user-data-dir=" + this.profile, "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	WebElement find(String css) {
		return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	void click(String css) {
		waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
	}

	String textOf(String css) {
		return waiting().ignoring(StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector(css)).getText());
	}

	void awaitAttribute(String css, String name, String value) {
		waiting().ignoring(StaleElementReferenceException.class)
			.withMessage(() -> css + " never had " + name + "=" + value)
			.until((driver) -> value.equals(driver.findElement(By.cssSelector(css)).getDomAttribute(name)));
	}

	/** Waits until every chart of the page was drawn by charts.js. */
	void awaitCharts() {
		waiting().until((driver) -> driver.findElements(By.cssSelector("canvas[data-chart]"))
			.stream()
			.allMatch((canvas) -> "true".equals(canvas.getDomAttribute("data-rendered"))));
	}

	String cookie(String name) {
		return this.driver.manage().getCookieNamed(name).getValue();
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20));
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Saves a whole-page screenshot after checking the page shows the expected text and
	 * the picture is not blank.
	 */
	Path screenshot(String name, String expectedText) {
		assertThat(textOf("body")).as("text of " + name).contains(expectedText);
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
			Set<Integer> colours = new HashSet<>();
			for (int y = 0; y < image.getHeight(); y += 4) {
				for (int x = 0; x < image.getWidth(); x += 4) {
					colours.add(image.getRGB(x, y));
				}
			}
			assertThat(colours.size()).as("colours in " + name).isGreaterThan(20);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp profile does no harm
		}
	}

}
