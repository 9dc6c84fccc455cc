package org.spotifymcp.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own port until the process is stopped. Settings come from
 * environment variables (see {@link EmulatorSettings#fromEnvironment}); arguments of the
 * form {@code --EMULATOR_PORT=8090} or {@code --port=8090} override them.
 * {@code --state-file=data/demo-spotify/state.json} keeps tokens, added users and plays
 * and the clock in that file, so a restart carries on where the last run stopped.
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, String> env = new HashMap<>(System.getenv());
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				String key = arg.substring(2, arg.indexOf('='));
				key = key.startsWith("EMULATOR_") ? key
						: "EMULATOR_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
				env.put(key, arg.substring(arg.indexOf('=') + 1));
			}
		}
		EmulatorSettings settings = EmulatorSettings.fromEnvironment(env);
		SpotifyEmulator emulator = SpotifyEmulator.start(settings);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			stopped.countDown();
		}));
		System.out.println("Spotify emulator listening on " + emulator.baseUrl() + " (" + settings.userCount()
				+ " users, client id " + settings.clientId() + ", clock "
				+ (settings.clockTicking() ? "ticking" : "frozen") + " at " + emulator.now() + ", "
				+ emulator.activeFaults().size() + " fault rules)");
		emulator.stateFile().ifPresent((file) -> System.out.println("State kept in " + file));
		System.out.println("Consent page: " + emulator.baseUrl() + "/authorize  control API: " + emulator.baseUrl()
				+ "/_emulator/state");
		stopped.await();
	}

}
