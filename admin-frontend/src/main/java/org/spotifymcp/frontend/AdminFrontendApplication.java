package org.spotifymcp.frontend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The admin web UI on port 8001. Reads the shared model directly: no HTTP hop to the API.
 */
@SpringBootApplication
public class AdminFrontendApplication {

	public static void main(String[] args) {
		SpringApplication.run(AdminFrontendApplication.class, args);
	}

}
