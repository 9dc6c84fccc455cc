package org.spotifymcp.frontend.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formatting helpers for the templates ({@code ${@formats.time(x)}}): times in UTC,
 * relative ages, sizes and counts.
 */
@Component("formats")
public class Formats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final Clock clock;

	public Formats(Clock clock) {
		this.clock = clock;
	}

	public String time(Instant instant) {
		return (instant != null) ? TIME.format(instant) : "—";
	}

	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	/**
	 * "reconnect by 2027-03-01 (in 92 days)": the day (UTC) a listener's six-month
	 * Spotify consent ends; "—" when not known.
	 */
	public String reconnectBy(Instant reconnectBy) {
		if (reconnectBy == null) {
			return "—";
		}
		return "reconnect by " + java.time.LocalDate.ofInstant(reconnectBy, ZoneOffset.UTC) + " (" + ago(reconnectBy)
				+ ")";
	}

	/** Whether a consent ends within 30 days (or has ended): worth a highlight. */
	public boolean reconnectDue(Instant reconnectBy) {
		return reconnectBy != null && reconnectBy.isBefore(this.clock.instant().plus(Duration.ofDays(30)));
	}

	/** "3 min ago", "in 2 h", for people scanning a table. */
	public String ago(Instant instant) {
		if (instant == null) {
			return "never";
		}
		Duration age = Duration.between(instant, this.clock.instant());
		boolean future = age.isNegative();
		long seconds = Math.abs(age.getSeconds());
		String amount;
		if (seconds < 60) {
			amount = seconds + " s";
		}
		else if (seconds < 3600) {
			amount = (seconds / 60) + " min";
		}
		else if (seconds < 172800) {
			amount = (seconds / 3600) + " h";
		}
		else {
			amount = (seconds / 86400) + " days";
		}
		return future ? "in " + amount : amount + " ago";
	}

	/**
	 * Seconds since the instant (negative in the future), from which the page's script
	 * keeps an {@link #ago} text current.
	 */
	public long ageSeconds(Instant instant) {
		return (instant != null) ? Duration.between(instant, this.clock.instant()).getSeconds() : 0;
	}

	public String duration(Instant start, Instant end) {
		if (start == null) {
			return "—";
		}
		Duration duration = Duration.between(start, (end != null) ? end : this.clock.instant());
		long seconds = duration.getSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

	public String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
	}

	public String count(long count) {
		return String.format(Locale.ROOT, "%,d", count);
	}

}
