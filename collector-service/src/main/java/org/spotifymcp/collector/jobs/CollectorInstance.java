package org.spotifymcp.collector.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The name this collector process goes by in {@code scheduled_tasks.picked_by} and
 * {@code job_runs.instance_id}: host, process id and a random suffix, so two collectors
 * on one host are told apart.
 *
 * @param id the name
 */
public record CollectorInstance(String id) {

	public static CollectorInstance create() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return new CollectorInstance(
				host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

}
