package org.spotifymcp.shared.health;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /healthz}: 200 with the database state when it answers, 503 when it does
 * not.
 */
@RestController
public class HealthzController {

	private final DatabaseHealth databaseHealth;

	private final String serviceName;

	public HealthzController(DatabaseHealth databaseHealth, String serviceName) {
		this.databaseHealth = databaseHealth;
		this.serviceName = serviceName;
	}

	@GetMapping(path = "/healthz", produces = "application/json")
	public ResponseEntity<Healthz> healthz() {
		DatabaseHealth.DatabaseState database = this.databaseHealth.check();
		Healthz body = new Healthz(database.isUp() ? "UP" : "DOWN", this.serviceName, Instant.now(), database);
		return ResponseEntity.status(database.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	/**
	 * The health answer, snake_case like every external body of the project.
	 *
	 * @param status UP when every dependency answers
	 * @param service which service answered
	 * @param checkedAt when
	 * @param database the database state
	 */
	public record Healthz(String status, String service, @JsonProperty("checked_at") Instant checkedAt,
			DatabaseHealth.DatabaseState database) {

	}

}
