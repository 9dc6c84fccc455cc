package org.spotifymcp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks that start service jars as processes need: free loopback ports and
 * a wait for a service's {@code /healthz}.
 */
public final class LocalProcesses {

	private LocalProcesses() {
	}

	/** A port nothing listens on now. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits up to 180 s for {@code http://127.0.0.1:PORT/healthz} to answer 200.
	 * @param process the service, whose early exit ends the wait
	 * @param port its main port
	 * @param name what to call it in errors
	 */
	public static void waitForHealth(Process process, int port, String name) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " stopped during start-up (exit " + process.exitValue() + ")");
			}
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(name + " did not become healthy within 180 s");
	}

}
