package org.spotifymcp.api;

import org.spotifymcp.shared.crypto.TokenTool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The API service: Spotify OAuth, MCP, admin REST and {@code /healthz} on port 8000.
 * Given one of the token commands ({@code generate-key}, {@code encrypt},
 * {@code decrypt}, {@code reencrypt}, {@code rotate-oauth-key}) it runs that instead and
 * exits.
 */
@SpringBootApplication
public class ApiApplication {

	public static void main(String[] args) {
		if (TokenTool.handles(args)) {
			TokenTool.main(args);
			return;
		}
		SpringApplication.run(ApiApplication.class, args);
	}

}
