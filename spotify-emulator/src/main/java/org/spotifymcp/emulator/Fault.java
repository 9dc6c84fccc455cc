package org.spotifymcp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule that makes the emulator misbehave like Spotify sometimes does. Build one with a
 * factory ({@link #rateLimited}, {@link #serverError}, {@link #slow},
 * {@link #malformedJson}, {@link #revokedRefreshToken}) and narrow it with the
 * {@code for…}/{@code times}/{@code withProbability}/{@code between} withers:
 *
 * <pre>
 * emulator.inject(Fault.rateLimited(Duration.ofSeconds(1)).times(2));
 * emulator.inject(Fault.serverError(503).forUser("listener00002").withProbability(0.1));
 * </pre>
 *
 * The same rules can be written as text (environment variable {@code EMULATOR_FAULTS} or
 * {@code POST /_emulator/faults}), one rule per line or separated by {@code ;}, e.g.
 * {@code rate_limit:retry_after=2:rate=0.05}, {@code server_error:status=502:times=3},
 * {@code slow:delay_ms=1500:user=listener00001}, {@code malformed_json:times=1},
 * {@code revoked_refresh_token:user=listener00003},
 * {@code server_error:from=2026-03-02T12:00:00Z:until=2026-03-02T12:10:00Z}.
 *
 * @param kind what goes wrong
 * @param status HTTP status answered (429, 500, 502, 503; 200 for malformed JSON)
 * @param retryAfter the {@code Retry-After} of a 429
 * @param delay how long a slow answer waits before being served normally
 * @param userId only requests of this Spotify user, or {@code null} for everyone
 * @param target which host the rule applies to
 * @param probability chance that a matching request is hit (1 = always)
 * @param times how many requests are hit in total, or -1 for no limit
 * @param from emulator-clock instant from which the rule applies, or {@code null}
 * @param until emulator-clock instant until which the rule applies, or {@code null}
 */
public record Fault(Kind kind, int status, Duration retryAfter, Duration delay, String userId, Target target,
		double probability, int times, Instant from, Instant until) {

	/** What goes wrong. */
	public enum Kind {

		/** 429 with {@code Retry-After}. */
		RATE_LIMIT,
		/** 500, 502 or 503 with Spotify's error body. */
		SERVER_ERROR,
		/** The answer is delayed, then served normally. */
		SLOW,
		/** 200 with a truncated JSON body. */
		MALFORMED_JSON,
		/** The refresh token is revoked when presented: {@code invalid_grant}. */
		REVOKED_REFRESH_TOKEN

	}

	/** Which host a rule applies to. */
	public enum Target {

		/** {@code api.spotify.com}: {@code /v1/...}. */
		API,
		/** {@code accounts.spotify.com}: {@code /api/token}. */
		ACCOUNTS,
		/** Both. */
		ALL

	}

	public Fault {
		if (probability < 0 || probability > 1) {
			throw new IllegalArgumentException("probability must be within 0..1");
		}
	}

	public static Fault rateLimited(Duration retryAfter) {
		return new Fault(Kind.RATE_LIMIT, 429, retryAfter, Duration.ZERO, null, Target.API, 1, -1, null, null);
	}

	public static Fault serverError(int status) {
		if (status < 500 || status > 599) {
			throw new IllegalArgumentException("server errors are 5xx, not " + status);
		}
		return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO, Duration.ZERO, null, Target.API, 1, -1, null, null);
	}

	public static Fault slow(Duration delay) {
		return new Fault(Kind.SLOW, 200, Duration.ZERO, delay, null, Target.API, 1, -1, null, null);
	}

	public static Fault malformedJson() {
		return new Fault(Kind.MALFORMED_JSON, 200, Duration.ZERO, Duration.ZERO, null, Target.API, 1, -1, null, null);
	}

	/**
	 * Refresh-token grants fail with {@code invalid_grant} and the token stays revoked.
	 */
	public static Fault revokedRefreshToken() {
		return new Fault(Kind.REVOKED_REFRESH_TOKEN, 400, Duration.ZERO, Duration.ZERO, null, Target.ACCOUNTS, 1, -1,
				null, null);
	}

	public Fault forUser(String spotifyUserId) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, spotifyUserId, this.target,
				this.probability, this.times, this.from, this.until);
	}

	public Fault on(Target newTarget) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, newTarget, this.probability,
				this.times, this.from, this.until);
	}

	public Fault withProbability(double newProbability) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target, newProbability,
				this.times, this.from, this.until);
	}

	public Fault times(int count) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, count, this.from, this.until);
	}

	public Fault between(Instant newFrom, Instant newUntil) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, this.times, newFrom, newUntil);
	}

	/**
	 * Parses the text form (see the class comment).
	 * @param spec rules separated by newlines or {@code ;}; blank gives none
	 * @return the rules
	 */
	public static List<Fault> parse(String spec) {
		List<Fault> faults = new ArrayList<>();
		if (spec == null) {
			return faults;
		}
		for (String rule : spec.split("[;\\n]")) {
			if (!rule.isBlank()) {
				faults.add(parseRule(rule.trim()));
			}
		}
		return faults;
	}

	private static Fault parseRule(String rule) {
		String[] head = rule.split(":", 2);
		String kind = head[0].trim().toLowerCase(Locale.ROOT);
		Fault fault = switch (kind) {
			case "rate_limit", "429" -> rateLimited(Duration.ofSeconds(1));
			case "server_error", "500" -> serverError(500);
			case "502" -> serverError(502);
			case "503" -> serverError(503);
			case "slow" -> slow(Duration.ofSeconds(2));
			case "malformed_json" -> malformedJson();
			case "revoked_refresh_token", "invalid_grant" -> revokedRefreshToken();
			default -> throw new IllegalArgumentException("unknown fault kind '" + kind + "' in '" + rule + "'");
		};
		if (head.length == 1) {
			return fault;
		}
		for (String option : splitOptions(head[1])) {
			String[] pair = option.split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("fault option '" + option + "' is not key=value in '" + rule + "'");
			}
			String value = pair[1].trim();
			fault = switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
				case "status" ->
					(fault.kind == Kind.SERVER_ERROR) ? serverError(Integer.parseInt(value)).copyScope(fault) : fault;
				case "retry_after" ->
					new Fault(fault.kind, fault.status, Duration.ofSeconds(Long.parseLong(value)), fault.delay,
							fault.userId, fault.target, fault.probability, fault.times, fault.from, fault.until);
				case "delay_ms" ->
					new Fault(fault.kind, fault.status, fault.retryAfter, Duration.ofMillis(Long.parseLong(value)),
							fault.userId, fault.target, fault.probability, fault.times, fault.from, fault.until);
				case "user" -> fault.forUser(value);
				case "target" -> fault.on(Target.valueOf(value.toUpperCase(Locale.ROOT)));
				case "rate", "probability" -> fault.withProbability(Double.parseDouble(value));
				case "times" -> fault.times(Integer.parseInt(value));
				case "from" -> fault.between(Instant.parse(value), fault.until);
				case "until" -> fault.between(fault.from, Instant.parse(value));
				default ->
					throw new IllegalArgumentException("unknown fault option '" + pair[0] + "' in '" + rule + "'");
			};
		}
		return fault;
	}

	/** Instants contain ':' too, so options are split only before a {@code key=}. */
	private static List<String> splitOptions(String options) {
		List<String> result = new ArrayList<>();
		for (String option : options.split(":(?=[a-z_]+=)")) {
			if (!option.isBlank()) {
				result.add(option);
			}
		}
		return result;
	}

	private Fault copyScope(Fault other) {
		return new Fault(this.kind, this.status, other.retryAfter, other.delay, other.userId, other.target,
				other.probability, other.times, other.from, other.until);
	}

	/** The text form, as accepted by {@link #parse}. */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.name().toLowerCase(Locale.ROOT));
		if (this.kind == Kind.SERVER_ERROR) {
			text.append(":status=").append(this.status);
		}
		if (this.kind == Kind.RATE_LIMIT) {
			text.append(":retry_after=").append(this.retryAfter.toSeconds());
		}
		if (this.kind == Kind.SLOW) {
			text.append(":delay_ms=").append(this.delay.toMillis());
		}
		if (this.userId != null) {
			text.append(":user=").append(this.userId);
		}
		text.append(":target=").append(this.target.name().toLowerCase(Locale.ROOT));
		if (this.probability < 1) {
			text.append(":rate=").append(this.probability);
		}
		if (this.times >= 0) {
			text.append(":times=").append(this.times);
		}
		if (this.from != null) {
			text.append(":from=").append(this.from);
		}
		if (this.until != null) {
			text.append(":until=").append(this.until);
		}
		return text.toString();
	}

}
