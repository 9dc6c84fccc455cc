package org.spotifymcp.bench.importer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent by this JVM and by a PostgreSQL server (postmaster, its live backends
 * and the backends it has reaped), read from {@code /proc}. CPU time, unlike wall time,
 * does not depend on what else the machine is doing, so it tells what an import costs.
 */
final class ProcessCpu {

	/** Kernel clock ticks per second on Linux. */
	private static final double TICKS_PER_SECOND = 100.0;

	private ProcessCpu() {
	}

	static double thisJvmSeconds() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e9;
	}

	/** The postmaster of a backend: its parent. */
	static long parentOf(long pid) throws IOException {
		return Long.parseLong(statFields(pid)[1]);
	}

	static double postgresSeconds(long postmasterPid) throws IOException {
		String[] postmaster = statFields(postmasterPid);
		// utime, stime, and the reaped children's cutime, cstime
		long ticks = Long.parseLong(postmaster[11]) + Long.parseLong(postmaster[12]) + Long.parseLong(postmaster[13])
				+ Long.parseLong(postmaster[14]);
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				try {
					String[] fields = statFields(Long.parseLong(process.getFileName().toString()));
					if (Long.parseLong(fields[1]) == postmasterPid) {
						ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					}
				}
				catch (IOException | RuntimeException ex) {
					// the process ended while we looked
				}
			}
		}
		return ticks / TICKS_PER_SECOND;
	}

	/** Fields of /proc/PID/stat after the command name: state is [0], ppid [1]. */
	private static String[] statFields(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
	}

}
