package org.spotifymcp.api.me.web;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Numbers and times as the listener's pages write them ({@code @meFormats} in templates):
 * times in the listener's own zone, durations in hours and minutes.
 */
@Component("meFormats")
public class MeFormats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

	private final Clock clock;

	MeFormats(Clock clock) {
		this.clock = clock;
	}

	public String count(long value) {
		return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
	}

	/** Minutes as "123 h 4 min" (or "4 min"). */
	public String duration(double minutes) {
		long total = Math.round(minutes);
		long hours = total / 60;
		return (hours > 0) ? count(hours) + " h " + (total % 60) + " min" : total + " min";
	}

	public String time(Instant instant, String zone) {
		return (instant != null) ? TIME.format(instant.atZone(zoneOrUtc(zone))) : "—";
	}

	public String time(String isoInstant, String zone) {
		return (isoInstant != null) ? time(Instant.parse(isoInstant), zone) : "—";
	}

	/**
	 * Up to two initials of a name for a picture's placeholder: "Nina Simone" is "NS",
	 * "Björk" is "B", "(What's the Story)" is "W".
	 */
	public String initials(String name) {
		StringBuilder initials = new StringBuilder();
		if (name != null) {
			for (String word : name.trim().split("\\s+")) {
				int start = 0;
				while (start < word.length() && !Character.isLetterOrDigit(word.codePointAt(start))) {
					start += Character.charCount(word.codePointAt(start));
				}
				if (start < word.length() && initials.codePointCount(0, initials.length()) < 2) {
					initials.appendCodePoint(Character.toUpperCase(word.codePointAt(start)));
				}
			}
		}
		return (initials.length() > 0) ? initials.toString() : "♪";
	}

	/**
	 * A hue (0-359) that stays the same for a name, so each placeholder keeps its colour.
	 */
	public int hue(String name) {
		return Math.floorMod((name != null) ? name.hashCode() : 0, 360);
	}

	/** "5 minutes ago", "in 2 hours". */
	public String ago(Instant instant) {
		if (instant == null) {
			return "never";
		}
		Duration between = Duration.between(instant, this.clock.instant());
		boolean future = between.isNegative();
		long seconds = Math.abs(between.toSeconds());
		String amount;
		if (seconds < 90) {
			amount = quantity(seconds, "second");
		}
		else if (seconds < 90 * 60) {
			amount = quantity(Math.round(seconds / 60.0), "minute");
		}
		else if (seconds < 36 * 3600) {
			amount = quantity(Math.round(seconds / 3600.0), "hour");
		}
		else {
			amount = quantity(Math.round(seconds / 86400.0), "day");
		}
		return future ? "in " + amount : amount + " ago";
	}

	/**
	 * A number of something, in the singular for one: "1 day", "3 days".
	 * @param amount how many
	 * @param unit the singular
	 * @return the words
	 */
	public String quantity(long amount, String unit) {
		return amount + " " + ((amount == 1) ? unit : unit + "s");
	}

	private static ZoneId zoneOrUtc(String zone) {
		try {
			return ZoneId.of(zone);
		}
		catch (RuntimeException ex) {
			return ZoneId.of("UTC");
		}
	}

}
