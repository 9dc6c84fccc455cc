package org.spotifymcp.api.mcp;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What the server tells the model besides the tools: the {@code instructions} (windows,
 * time zones, which tool answers which question) and three prompts with argument
 * completion: {@code wrapped}, {@code taste_profile}, {@code compare_periods}.
 */
final class McpPrompts {

	static final String INSTRUCTIONS = """
			Answers questions about one listener's Spotify listening history, collected by polling \
			Spotify's recently played list and from imported Spotify data exports.
			Windows: every history tool takes either `days` (ending today, default 90), or `start`/`end` \
			dates (YYYY-MM-DD, both inclusive), or `all_time: true`. "This autumn" is start/end dates; \
			"lately" is days. Days and hours are counted in `time_zone` (IANA name, default the \
			listener's own zone), so say which zone you used when it matters.
			Which tool: most played -> history_top_artists / history_top_tracks / history_top_albums; \
			an overview -> history_taste_summary; a year in review -> history_wrapped; two periods -> \
			history_compare_periods; when they listen -> history_listening_heatmap and \
			history_listening_timeline; new finds -> history_discoveries; "did I play X" -> \
			history_search_history; how complete the data is -> history_coverage (gaps mean missing \
			data, not silence); replays -> history_repeat_rate; collector health -> ops_sync_status, \
			ops_latest_job_runs, ops_latest_import_jobs. spotify_get_top and spotify_search ask Spotify \
			live (Spotify's own ranking, not the collected history).
			Leave user_id out: the token decides whose history is read.""";

	private static final int FIRST_YEAR = 2008;

	private final Clock clock;

	McpPrompts(Clock clock) {
		this.clock = clock;
	}

	List<McpStatelessServerFeatures.SyncPromptSpecification> prompts() {
		return List
			.of(prompt("wrapped", "Year in review", "A Spotify-Wrapped style review of one year of listening", List
				.of(new McpSchema.PromptArgument("year", "Year", "the year, e.g. 2024 (default: this year)", false)),
					(args) -> {
						String year = args.getOrDefault("year", String.valueOf(LocalDate.now(this.clock).getYear()));
						return "Make my listening year in review for " + year + ". Call history_wrapped with start "
								+ year + "-01-01 and end " + year + "-12-31 (or today, for the current year), then "
								+ "history_discoveries for the same window and history_coverage to see whether data "
								+ "is missing. Present minutes, top artists, tracks and albums, my listening peaks "
								+ "and my best discoveries (genres only when genres_available is true), and mention "
								+ "any coverage gaps.";
					}),
					prompt("taste_profile", "Taste profile", "What the listener's taste looks like over a recent span",
							List.of(new McpSchema.PromptArgument("days", "Days", "how many days back (default 180)",
									false)),
							(args) -> {
								String days = args.getOrDefault("days", "180");
								return "Describe my music taste over the last " + days + " days. Call "
										+ "history_taste_summary and history_top_artists with days=" + days
										+ ", and history_repeat_rate for how much I replay. Summarise genres (if "
										+ "genres_available is false, say genres are unavailable rather than that I "
										+ "have none), the artists that define me, and how adventurous or loyal my "
										+ "listening is.";
							}),
					prompt("compare_periods", "Compare two periods",
							"How listening changed between two years or months",
							List.of(new McpSchema.PromptArgument("first", "First period",
									"a year (2023) or a month (2023-10)", true),
									new McpSchema.PromptArgument("second", "Second period",
											"a year (2024) or a month (2024-10)", true)),
							(args) -> {
								String[] a = bounds(args.getOrDefault("first", ""));
								String[] b = bounds(args.getOrDefault("second", ""));
								return "Compare my listening in " + args.get("first") + " with " + args.get("second")
										+ ". Call history_compare_periods with a_start " + a[0] + ", a_end " + a[1]
										+ ", b_start " + b[0] + " and b_end " + b[1] + ". Tell me how plays and "
										+ "minutes changed, which artists are new, which I dropped, and what stayed.";
							}));
	}

	List<McpStatelessServerFeatures.SyncCompletionSpecification> completions() {
		return List.of(completion("wrapped", (request) -> years(request.argument().value())),
				completion("taste_profile",
						(request) -> matching(List.of("30", "90", "180", "365", "730"), request.argument().value())),
				completion("compare_periods", (request) -> periods(request.argument().value())));
	}

	/** First and last day of a year ({@code 2024}) or month ({@code 2024-10}). */
	static String[] bounds(String period) {
		String value = period.strip();
		try {
			if (value.matches("\\d{4}")) {
				return new String[] { value + "-01-01", value + "-12-31" };
			}
			YearMonth month = YearMonth.parse(value);
			return new String[] { month.atDay(1).toString(), month.atEndOfMonth().toString() };
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("period '" + period + "' must be a year (2024) or a month (2024-10)");
		}
	}

	private List<String> years(String prefix) {
		List<String> years = new ArrayList<>();
		for (int year = LocalDate.now(this.clock).getYear(); year >= FIRST_YEAR; year--) {
			years.add(String.valueOf(year));
		}
		return matching(years, prefix);
	}

	/** Years, and the months of the last two years, newest first. */
	private List<String> periods(String prefix) {
		List<String> values = new ArrayList<>(years(""));
		YearMonth month = YearMonth.now(this.clock);
		for (int i = 0; i < 24; i++) {
			values.add(month.minusMonths(i).toString());
		}
		return matching(values, prefix);
	}

	private static List<String> matching(List<String> values, String prefix) {
		String start = (prefix != null) ? prefix : "";
		return values.stream().filter((value) -> value.startsWith(start)).limit(100).toList();
	}

	private static McpStatelessServerFeatures.SyncPromptSpecification prompt(String name, String title,
			String description, List<McpSchema.PromptArgument> arguments, Function<Map<String, String>, String> text) {
		return new McpStatelessServerFeatures.SyncPromptSpecification(
				new McpSchema.Prompt(name, title, description, arguments), (context, request) -> {
					Map<String, String> args = new java.util.HashMap<>();
					if (request.arguments() != null) {
						request.arguments().forEach((key, value) -> {
							if (value != null && !value.toString().isBlank()) {
								args.put(key, value.toString().strip());
							}
						});
					}
					return new McpSchema.GetPromptResult(description,
							List.of(new McpSchema.PromptMessage(McpSchema.Role.USER,
									new McpSchema.TextContent(text.apply(args)))));
				});
	}

	private static McpStatelessServerFeatures.SyncCompletionSpecification completion(String prompt,
			Function<McpSchema.CompleteRequest, List<String>> values) {
		return new McpStatelessServerFeatures.SyncCompletionSpecification(new McpSchema.PromptReference(prompt),
				(context, request) -> {
					List<String> found = values.apply(request);
					return new McpSchema.CompleteResult(
							new McpSchema.CompleteResult.CompleteCompletion(found, found.size(), false));
				});
	}

}
