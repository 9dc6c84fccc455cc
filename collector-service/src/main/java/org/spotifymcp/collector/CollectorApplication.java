package org.spotifymcp.collector;

import org.spotifymcp.shared.crypto.TokenTool;
import org.spotifymcp.shared.rollups.RollupTool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The collector: pending imports, initial syncs and incremental polls for every user,
 * plus housekeeping. Its only port serves health and metrics.
 */
@SpringBootApplication
@EnableScheduling
public class CollectorApplication {

	public static void main(String[] args) {
		if (TokenTool.handles(args)) {
			TokenTool.main(args);
			return;
		}
		if (RollupTool.handles(args)) {
			RollupTool.main(args);
			return;
		}
		OutOfMemoryExit.install();
		SpringApplication.run(CollectorApplication.class, args);
	}

}
