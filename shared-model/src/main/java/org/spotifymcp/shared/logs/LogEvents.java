package org.spotifymcp.shared.logs;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Markers and MDC keys that give log events their database context.
 */
public final class LogEvents {

	/** INFO events carrying this marker are kept in the {@code logs} table too. */
	public static final Marker PERSIST = MarkerFactory.getMarker("PERSIST");

	public static final String USER_ID = "user_id";

	public static final String JOB_RUN_ID = "job_run_id";

	public static final String REQUEST_ID = "request_id";

	public static final String TOOL_NAME = "tool_name";

	private LogEvents() {
	}

}
