package org.spotifymcp.frontend.ui;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fresh profile, and
 * screenshots that are checked to show real content.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	static Browser open(String baseUrl) {
		try {
			Path profile = Files.createTempDirectory("admin-ui-chromium");
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
			return new Browser(driver, profile, baseUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String chromium() {
		return System.getProperty("chromium.binary", "/usr/bin/chromium");
	}

	static String chromedriver() {
		return System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
	}

	ChromeDriver driver() {
		return this.driver;
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	/**
	 * Waits for the element, so a page still loading after a click is not mistaken for a
	 * wrong page.
	 */
	WebElement find(String css) {
		return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
	}

	/**
	 * Waits until the element shows the text: after a click the old page's element may
	 * still be found, and go stale, before the new page has loaded.
	 */
	void awaitText(String css, String expected) {
		waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.withMessage(() -> css + " never showed '" + expected + "'")
			.until((driver) -> expected.equals(driver.findElement(By.cssSelector(css)).getText()));
	}

	String text() {
		return textOf("body");
	}

	/**
	 * The element's text, found again if htmx or a page load replaced it while it was
	 * read.
	 */
	String textOf(String css) {
		return waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector(css)).getText());
	}

	/** Like {@link #textOf(String)}, for an attribute. */
	String attributeOf(String css, String name) {
		return waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until((driver) -> driver.findElement(By.cssSelector(css)).getAttribute(name));
	}

	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15));
	}

	void resize(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
	}

	/**
	 * Saves a screenshot and checks it is a real page: the expected text is on it and the
	 * picture is not a blank or single-colour image.
	 * @param name file name without extension
	 * @param expectedText text the page must show
	 * @return the file
	 */
	Path screenshot(String name, String expectedText) {
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
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp profile does no harm
		}
	}

}
