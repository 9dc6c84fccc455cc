package org.spotifymcp.api.me;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Spotify's image CDN in browser tests: {@code /img/NAME.png} is a
 * square gradient whose colours follow the name, anything else is 404.
 */
final class CoverImages {

	private CoverImages() {
	}

	static HttpServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				String path = exchange.getRequestURI().getPath();
				byte[] body = path.startsWith("/img/") ? picture(path) : new byte[0];
				exchange.getResponseHeaders().add("Content-Type", "image/png");
				exchange.sendResponseHeaders((body.length > 0) ? 200 : 404, (body.length > 0) ? body.length : -1);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] picture(String name) throws IOException {
		float hue = Math.floorMod(name.hashCode(), 360) / 360f;
		BufferedImage image = new BufferedImage(160, 160, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.7f, 0.9f), 160, 160,
				Color.getHSBColor(hue + 0.3f, 0.8f, 0.35f)));
		graphics.fillRect(0, 0, 160, 160);
		graphics.setColor(new Color(255, 255, 255, 90));
		graphics.fillOval(40, 40, 80, 80);
		graphics.dispose();
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		return png.toByteArray();
	}

}
