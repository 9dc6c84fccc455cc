package org.spotifymcp.frontend;

import org.spotifymcp.shared.crypto.TokenTool;
import org.spotifymcp.shared.rollups.RollupTool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The admin web UI on port 8001. Reads the shared model directly: no HTTP hop to the API.
 * Given one of the token commands ({@code generate-key}, {@code encrypt},
 * {@code decrypt}, {@code reencrypt}) it runs that instead and exits, like the other
 * services, so every image can serve as the operator's tool.
 */
@SpringBootApplication
public class AdminFrontendApplication {

	public static void main(String[] args) {
		if (TokenTool.handles(args)) {
			TokenTool.main(args);
			return;
		}
		if (RollupTool.handles(args)) {
			RollupTool.main(args);
			return;
		}
		SpringApplication.run(AdminFrontendApplication.class, args);
	}

}
