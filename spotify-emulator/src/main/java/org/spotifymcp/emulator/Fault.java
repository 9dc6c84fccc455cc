package org.spotifymcp.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule that makes the emulator misbehave like Spotify sometimes does. Build one with a
 * factory ({@link #rateLimited}, {@link #quotaExceeded}, {@link #serverError},
 * {@link #slow}, {@link #malformedJson}, {@link #revokedRefreshToken}) and narrow it with
 * the {@code for…}/{@code times}/{@code withProbability}/{@code between} withers:
 *
 * <pre>
 * emulator.inject(Fault.rateLimited(Duration.ofSeconds(1)).times(2));
 * emulator.inject(Fault.serverError(503).forUser("listener00002").withProbability(0.1));
 * emulator.inject(Fault.quotaExceeded().forClient("family-app").between(null, emulator.now().plusSeconds(3600)));
 * </pre>
 *
 * The same rules can be written as text (environment variable {@code EMULATOR_FAULTS} or
 * {@code POST /_emulator/faults}), one rule per line or separated by {@code ;}, e.g.
 * {@code rate_limit:retry_after=2:rate=0.05}, {@code server_error:status=502:times=3},
 * {@code slow:delay_ms=1500:user=listener00001}, {@code malformed_json:times=1},
 * {@code revoked_refresh_token:user=listener00003},
 * {@code server_error:from=2026-03-02T12:00:00Z:until=2026-03-02T12:10:00Z},
 * {@code quota_exceeded:client=family-app:until=2026-03-02T13:00:00Z},
 * {@code quota_exceeded:owner=some-developer:retry_after=600}.
 *
 * @param kind what goes wrong
 * @param status HTTP status answered (429, 500, 502, 503; 200 for malformed JSON)
 * @param retryAfter the {@code Retry-After} of a 429 (a quota rule with an {@code until}
 * answers the seconds left until then instead)
 * @param delay how long a slow answer waits before being served normally
 * @param userId only requests of this Spotify user, or {@code null} for everyone
 * @param target which host the rule applies to
 * @param probability chance that a matching request is hit (1 = always)
 * @param times how many requests are hit in total, or -1 for no limit
 * @param from emulator-clock instant from which the rule applies, or {@code null}
 * @param until emulator-clock instant until which the rule applies, or {@code null}
 * @param clientId only requests made with this app's tokens, or {@code null} for all apps
 * @param owner only requests made with tokens of apps of this developer account, or
 * {@code null} for all
 */
public record Fault(Kind kind, int status, Duration retryAfter, Duration delay, String userId, Target target,
		double probability, int times, Instant from, Instant until, String clientId, String owner) {

	/** What goes wrong. */
	public enum Kind {

		/** 429 with {@code Retry-After}. */
		RATE_LIMIT,
		/**
		 * 429 with {@code Retry-After} and {@code "reason": "QUOTA_EXCEEDED"}: the
		 * developer account's quota is used up (since July 2026).
		 */
		QUOTA_EXCEEDED,
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
		return of(Kind.RATE_LIMIT, 429, Target.API).withRetryAfter(retryAfter);
	}

	/**
	 * The quota is used up: every Web API call answers 429 with
	 * {@code "reason": "QUOTA_EXCEEDED"}. Narrow it to one app with {@link #forClient} or
	 * to one developer account with {@link #forOwner}, and end it with {@link #between}.
	 */
	public static Fault quotaExceeded() {
		return of(Kind.QUOTA_EXCEEDED, 429, Target.API).withRetryAfter(Duration.ofHours(1));
	}

	public static Fault serverError(int status) {
		if (status < 500 || status > 599) {
			throw new IllegalArgumentException("server errors are 5xx, not " + status);
		}
		return of(Kind.SERVER_ERROR, status, Target.API);
	}

	public static Fault slow(Duration delay) {
		return of(Kind.SLOW, 200, Target.API).withDelay(delay);
	}

	public static Fault malformedJson() {
		return of(Kind.MALFORMED_JSON, 200, Target.API);
	}

	/**
	 * Refresh-token grants fail with {@code invalid_grant} and the token stays revoked.
	 */
	public static Fault revokedRefreshToken() {
		return of(Kind.REVOKED_REFRESH_TOKEN, 400, Target.ACCOUNTS);
	}

	private static Fault of(Kind kind, int status, Target target) {
		return new Fault(kind, status, Duration.ZERO, Duration.ZERO, null, target, 1, -1, null, null, null, null);
	}

	public Fault forUser(String spotifyUserId) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, spotifyUserId, this.target,
				this.probability, this.times, this.from, this.until, this.clientId, this.owner);
	}

	/** Only requests made with tokens of this app (client id). */
	public Fault forClient(String newClientId) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, this.times, this.from, this.until, newClientId, this.owner);
	}

	/** Only requests made with tokens of apps owned by this developer account. */
	public Fault forOwner(String newOwner) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, this.times, this.from, this.until, this.clientId, newOwner);
	}

	public Fault on(Target newTarget) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, newTarget, this.probability,
				this.times, this.from, this.until, this.clientId, this.owner);
	}

	public Fault withProbability(double newProbability) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target, newProbability,
				this.times, this.from, this.until, this.clientId, this.owner);
	}

	public Fault times(int count) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, count, this.from, this.until, this.clientId, this.owner);
	}

	public Fault between(Instant newFrom, Instant newUntil) {
		return new Fault(this.kind, this.status, this.retryAfter, this.delay, this.userId, this.target,
				this.probability, this.times, newFrom, newUntil, this.clientId, this.owner);
	}

	public Fault withRetryAfter(Duration newRetryAfter) {
		return new Fault(this.kind, this.status, newRetryAfter, this.delay, this.userId, this.target, this.probability,
				this.times, this.from, this.until, this.clientId, this.owner);
	}

	private Fault withDelay(Duration newDelay) {
		return new Fault(this.kind, this.status, this.retryAfter, newDelay, this.userId, this.target, this.probability,
				this.times, this.from, this.until, this.clientId, this.owner);
	}

	/**
	 * The {@code Retry-After} this rule answers at {@code now}: a rule that ends at a
	 * known instant tells how long is left (at least a second), others their fixed value.
	 */
	public Duration retryAfterAt(Instant now) {
		if (this.kind == Kind.QUOTA_EXCEEDED && this.until != null) {
			long millis = Duration.between(now, this.until).toMillis();
			return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
		}
		return this.retryAfter;
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
			case "quota_exceeded", "quota" -> quotaExceeded();
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
				case "retry_after" -> fault.withRetryAfter(Duration.ofSeconds(Long.parseLong(value)));
				case "delay_ms" -> fault.withDelay(Duration.ofMillis(Long.parseLong(value)));
				case "user" -> fault.forUser(value);
				case "client", "client_id" -> fault.forClient(value);
				case "owner" -> fault.forOwner(value);
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
				other.probability, other.times, other.from, other.until, other.clientId, other.owner);
	}

	/** The text form, as accepted by {@link #parse}. */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.name().toLowerCase(Locale.ROOT));
		if (this.kind == Kind.SERVER_ERROR) {
			text.append(":status=").append(this.status);
		}
		if (this.kind == Kind.RATE_LIMIT || this.kind == Kind.QUOTA_EXCEEDED) {
			text.append(":retry_after=").append(this.retryAfter.toSeconds());
		}
		if (this.kind == Kind.SLOW) {
			text.append(":delay_ms=").append(this.delay.toMillis());
		}
		if (this.userId != null) {
			text.append(":user=").append(this.userId);
		}
		if (this.clientId != null) {
			text.append(":client=").append(this.clientId);
		}
		if (this.owner != null) {
			text.append(":owner=").append(this.owner);
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
