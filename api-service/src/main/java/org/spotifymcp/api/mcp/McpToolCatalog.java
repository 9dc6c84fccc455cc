package org.spotifymcp.api.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.spotifymcp.shared.analytics.Coverage;
import org.spotifymcp.shared.analytics.Discoveries;
import org.spotifymcp.shared.analytics.HistoryAnalytics;
import org.spotifymcp.shared.analytics.ListeningHeatmap;
import org.spotifymcp.shared.analytics.ListeningTimeline;
import org.spotifymcp.shared.analytics.PeriodComparison;
import org.spotifymcp.shared.analytics.RepeatRate;
import org.spotifymcp.shared.analytics.SearchHistory;
import org.spotifymcp.shared.analytics.SkipRates;
import org.spotifymcp.shared.analytics.TasteSummary;
import org.spotifymcp.shared.analytics.TopAlbums;
import org.spotifymcp.shared.analytics.TopArtists;
import org.spotifymcp.shared.analytics.TopOrder;
import org.spotifymcp.shared.analytics.TopTracks;
import org.spotifymcp.shared.analytics.WindowInfo;
import org.spotifymcp.shared.analytics.WindowRequest;
import org.spotifymcp.shared.analytics.Wrapped;

/**
 * Every tool the MCP endpoints offer, with its schemas, in one place so {@code /mcp},
 * {@code /mcp/tools} and {@code /mcp/call} cannot disagree.
 */
public class McpToolCatalog {

	private static final int DEFAULT_LIMIT = 10;

	/** history.wrapped looks back a year unless told otherwise. */
	static final int WRAPPED_DEFAULT_DAYS = 365;

	private final Map<String, McpTool> byName = new LinkedHashMap<>();

	McpToolCatalog(HistoryAnalytics history, OperationsQueries operations, List<McpTool> extraTools) {
		historyTools(history).forEach(this::add);
		operationsTools(operations).forEach(this::add);
		extraTools.forEach(this::add);
	}

	public List<McpTool> tools() {
		return List.copyOf(this.byName.values());
	}

	/**
	 * Finds a tool by dotted or MCP name.
	 * @param name e.g. {@code history.top_tracks} or {@code history_top_tracks}
	 * @return the tool
	 */
	public McpTool find(String name) {
		McpTool tool = (name != null) ? this.byName.get(name.replace('_', '.').replaceFirst("\\.", "#")) : null;
		if (tool == null) {
			throw new McpToolException("unknown tool '" + name + "'; see GET /mcp/tools");
		}
		return tool;
	}

	private void add(McpTool tool) {
		this.byName.put(key(tool.name()), tool);
	}

	/**
	 * Group and tool name are joined by the first dot; tool names themselves use
	 * underscores.
	 */
	private static String key(String dotted) {
		return dotted.replace('_', '.').replaceFirst("\\.", "#");
	}

	private static List<McpTool> historyTools(HistoryAnalytics history) {
		List<McpTool> tools = new ArrayList<>();
		tools.add(tool("history.taste_summary", "Taste summary",
				"Summary of the user's taste in a window: volume, top artists/tracks/genres, repeat and discovery"
						+ " rates, peak listening time. When genres_available is false, top_genres is empty because"
						+ " Spotify gave no genres (see genres_note), not because the user has none.",
				schema(window(), Map.of()), TasteSummary.class,
				(user, args) -> history.tasteSummary(user, args.window()), (r) -> summary(((TasteSummary) r).window(),
						((TasteSummary) r).plays() + " plays, " + ((TasteSummary) r).uniqueArtists() + " artists")));
		tools.add(tool("history.top_artists", "Top artists",
				"Most played artists in a window (artists merged by name across Spotify and export ids), ranked by"
						+ " plays or by listening time.",
				schema(window(), limitAndOrder()), TopArtists.class,
				(user, args) -> history.topArtists(user, args.window(), args.integer("limit", DEFAULT_LIMIT),
						TopOrder.of(args.string("order_by"))),
				(r) -> summary(((TopArtists) r).window(), ((TopArtists) r).artists().size() + " artists, top: "
						+ first(((TopArtists) r).artists(), (a) -> a.name() + " (" + a.plays() + " plays)"))));
		tools.add(tool("history.top_tracks", "Top tracks",
				"Most played tracks in a window, ranked by plays or by listening time.",
				schema(window(), limitAndOrder()), TopTracks.class,
				(user, args) -> history.topTracks(user, args.window(), args.integer("limit", DEFAULT_LIMIT),
						TopOrder.of(args.string("order_by"))),
				(r) -> summary(((TopTracks) r).window(), ((TopTracks) r).tracks().size() + " tracks, top: "
						+ first(((TopTracks) r).tracks(), (t) -> t.name() + " (" + t.plays() + " plays)"))));
		tools.add(tool("history.top_albums", "Top albums",
				"Most played albums in a window, ranked by plays or by listening time.",
				schema(window(), limitAndOrder()), TopAlbums.class,
				(user, args) -> history.topAlbums(user, args.window(), args.integer("limit", DEFAULT_LIMIT),
						TopOrder.of(args.string("order_by"))),
				(r) -> summary(((TopAlbums) r).window(), ((TopAlbums) r).albums().size() + " albums, top: "
						+ first(((TopAlbums) r).albums(), (a) -> a.name() + " (" + a.plays() + " plays)"))));
		tools.add(tool("history.listening_heatmap", "Listening heatmap",
				"Plays per weekday (Monday first) and local hour in the chosen IANA time zone.",
				schema(window(), Map.of()), ListeningHeatmap.class,
				(user, args) -> history.heatmap(user, args.window()),
				(r) -> summary(((ListeningHeatmap) r).window(), ((ListeningHeatmap) r).totalPlays() + " plays, peak "
						+ ((ListeningHeatmap) r).peakWeekday() + " at " + ((ListeningHeatmap) r).peakHour() + "h")));
		tools.add(tool("history.repeat_rate", "Repeat rate",
				"How much of the listening repeated tracks, and the most repeated ones.", schema(window(), limit()),
				RepeatRate.class,
				(user, args) -> history.repeatRate(user, args.window(), args.integer("limit", DEFAULT_LIMIT)),
				(r) -> summary(((RepeatRate) r).window(), "repeat rate " + ((RepeatRate) r).repeatRate() + " over "
						+ ((RepeatRate) r).plays() + " plays")));
		tools.add(tool("history.skips", "Skipped listens",
				"Listens that did not count as plays (shorter than 30 s, or the configured PLAY_MIN_MS, and not"
						+ " reaching the track's end), with skip rates of the most skipped tracks and artists.",
				schema(window(), limit()), SkipRates.class,
				(user, args) -> history.skips(user, args.window(), args.integer("limit", DEFAULT_LIMIT)),
				(r) -> summary(((SkipRates) r).window(), ((SkipRates) r).skippedListens() + " skipped of "
						+ ((SkipRates) r).listens() + " listens (skip rate " + ((SkipRates) r).skipRate() + ")")));
		tools.add(tool("history.coverage", "History coverage",
				"How complete the history is: days with data, empty stretches, collector-detected gaps, sources.",
				schema(window(), Map.of()), Coverage.class, (user, args) -> history.coverage(user, args.window()),
				(r) -> summary(((Coverage) r).window(), ((Coverage) r).daysWithData() + " days with data, "
						+ ((Coverage) r).collectorGaps().size() + " collector gaps")));
		tools
			.add(tool("history.listening_timeline", "Listening timeline", "Plays and minutes per day, week or month.",
					schema(window(), Map.of("granularity",
							Map.of("type", "string", "enum", List.of("day", "week", "month"), "description",
									"bucket size; by default day up to 92 days, week up to 2 years, else month"))),
					ListeningTimeline.class,
					(user, args) -> history.timeline(user, args.window(), args.string("granularity")),
					(r) -> summary(((ListeningTimeline) r).window(), ((ListeningTimeline) r).buckets().size() + " "
							+ ((ListeningTimeline) r).granularity() + " buckets")));
		tools.add(tool("history.discoveries", "Discoveries", "Tracks and artists first ever played inside the window.",
				schema(window(), limit()), Discoveries.class,
				(user, args) -> history.discoveries(user, args.window(), args.integer("limit", DEFAULT_LIMIT)),
				(r) -> summary(((Discoveries) r).window(), ((Discoveries) r).newTracks() + " new tracks, "
						+ ((Discoveries) r).newArtists() + " new artists")));
		Map<String, Object> search = new LinkedHashMap<>(limit());
		search.put("query", Map.of("type", "string", "minLength", 2, "maxLength", 200, "description",
				"text to find in track, artist or album names (case-insensitive)"));
		search.put("offset", Map.of("type", "integer", "minimum", 0, "maximum", 10000, "default", 0));
		tools.add(tool("history.search_history", "Search listening history",
				"The user's own plays matching a track/artist/album text, newest first.",
				schema(window(), search, "query"), SearchHistory.class,
				(user, args) -> history.searchHistory(user, args.window(), args.string("query"),
						args.integer("offset", 0), args.integer("limit", 20)),
				(r) -> summary(((SearchHistory) r).window(), ((SearchHistory) r).total() + " matching plays, showing "
						+ ((SearchHistory) r).plays().size())));
		Map<String, Object> periods = new LinkedHashMap<>(limit());
		for (String prefix : List.of("a_", "b_")) {
			periods.put(prefix + "days", Map.of("type", "integer", "minimum", 1, "maximum", WindowRequest.MAX_DAYS));
			periods.put(prefix + "start", date("first day of period " + prefix.charAt(0)));
			periods.put(prefix + "end", date("last day of period " + prefix.charAt(0)));
			periods.put(prefix + "all_time", Map.of("type", "boolean"));
		}
		tools.add(tool("history.compare_periods", "Compare two periods",
				"Two windows side by side (plays, minutes, top artists/tracks, new and lost artists). Period b"
						+ " defaults to the last 90 days, period a to the equally long period just before b.",
				schema(Map.of("time_zone", timeZone()), periods), PeriodComparison.class,
				(user, args) -> comparePeriods(history, user, args),
				(r) -> "period a: " + ((PeriodComparison) r).periodA().plays() + " plays, period b: "
						+ ((PeriodComparison) r).periodB().plays() + " plays"));
		tools.add(tool("history.wrapped", "Wrapped (year in review)",
				"A year-in-review style summary for any window (default: the last " + WRAPPED_DEFAULT_DAYS
						+ " days). When genres_available is false, top_genres is empty because Spotify gave no"
						+ " genres (see genres_note).",
				schema(window(WRAPPED_DEFAULT_DAYS), Map.of()), Wrapped.class,
				(user, args) -> history.wrapped(user, wrappedWindow(args)),
				(r) -> summary(((Wrapped) r).window(), ((Wrapped) r).plays() + " plays, " + ((Wrapped) r).minutes()
						+ " minutes, top artist: " + first(((Wrapped) r).topArtists(), (a) -> a.name()))));
		return tools;
	}

	private static WindowRequest wrappedWindow(ToolArguments args) {
		WindowRequest request = args.window();
		if (request.days() == null && request.start() == null && request.end() == null
				&& !Boolean.TRUE.equals(request.allTime())) {
			return new WindowRequest(WRAPPED_DEFAULT_DAYS, null, null, null, request.timeZone());
		}
		return request;
	}

	private static PeriodComparison comparePeriods(HistoryAnalytics history, int user, ToolArguments args) {
		WindowRequest b = args.window("b_");
		if (b.days() == null && b.start() == null && b.end() == null && !Boolean.TRUE.equals(b.allTime())) {
			b = new WindowRequest(WindowRequest.DEFAULT_DAYS, null, null, null, b.timeZone());
		}
		WindowRequest a = args.window("a_");
		if (a.days() == null && a.start() == null && a.end() == null && !Boolean.TRUE.equals(a.allTime())) {
			var resolvedB = history.window(user, b);
			a = new WindowRequest(null, resolvedB.startDate().minusDays(resolvedB.days()).toString(),
					resolvedB.startDate().minusDays(1).toString(), null, b.timeZone());
		}
		return history.comparePeriods(user, a, b, args.integer("limit", DEFAULT_LIMIT));
	}

	private static String syncSummary(OperationsQueries.SyncStatus status) {
		return "sync status: " + status.status()
				+ ((status.reconnectByDate() != null) ? "; reconnect Spotify by " + status.reconnectByDate() : "");
	}

	private static List<McpTool> operationsTools(OperationsQueries operations) {
		Map<String, Object> limit = Map.of("limit",
				Map.of("type", "integer", "minimum", 1, "maximum", 50, "default", 10));
		return List.of(tool("ops.sync_status", "Sync status",
				"Where the collector stands for the user: checkpoint, polling, errors, and the day the user must"
						+ " reconnect Spotify by (their consent ends six months after they gave it).",
				schema(Map.of(), Map.of()), OperationsQueries.SyncStatus.class,
				(user, args) -> operations.syncStatus(user), (r) -> syncSummary((OperationsQueries.SyncStatus) r)),
				tool("ops.latest_job_runs", "Latest collector runs",
						"The user's latest collector job runs, newest first.", schema(Map.of(), limit),
						OperationsQueries.JobRunList.class,
						(user, args) -> operations.latestJobRuns(user, boundedLimit(args)),
						(r) -> ((OperationsQueries.JobRunList) r).runs().size() + " job runs"),
				tool("ops.latest_import_jobs", "Latest imports",
						"The user's latest export imports with progress, newest first.", schema(Map.of(), limit),
						OperationsQueries.ImportJobList.class,
						(user, args) -> operations.latestImportJobs(user, boundedLimit(args)),
						(r) -> ((OperationsQueries.ImportJobList) r).imports().size() + " imports"));
	}

	private static int boundedLimit(ToolArguments args) {
		int limit = args.integer("limit", DEFAULT_LIMIT);
		if (limit < 1 || limit > 50) {
			throw new McpToolException("limit must be between 1 and 50, got " + limit);
		}
		return limit;
	}

	static McpTool tool(String name, String title, String description, Map<String, Object> inputSchema,
			Class<?> outputType, McpTool.Handler handler, Function<Object, String> summary) {
		return new McpTool(name, title, description, inputSchema, outputType, handler, summary);
	}

	/** The window arguments every history tool accepts. */
	static Map<String, Object> window() {
		return window(WindowRequest.DEFAULT_DAYS);
	}

	/**
	 * The window arguments of a tool whose window without arguments is not the usual one.
	 */
	static Map<String, Object> window(int defaultDays) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("days", Map.of("type", "integer", "minimum", 1, "maximum", WindowRequest.MAX_DAYS, "default",
				defaultDays, "description", "days ending today (default " + defaultDays + "); not with start/end"));
		properties.put("start", date("first day (inclusive), e.g. 2024-03-01"));
		properties.put("end", date("last day (inclusive), default today"));
		properties.put("all_time", Map.of("type", "boolean", "description", "from the first play to today"));
		properties.put("time_zone", timeZone());
		return properties;
	}

	private static Map<String, Object> timeZone() {
		return Map.of("type", "string", "description", "IANA time zone for days and hours, default the user's");
	}

	private static Map<String, Object> date(String description) {
		return Map.of("type", "string", "format", "date", "description", description);
	}

	/** The limit and {@code order_by} of the top tools. */
	private static Map<String, Object> limitAndOrder() {
		Map<String, Object> properties = new LinkedHashMap<>(limit());
		properties.put("order_by", Map.of("type", "string", "enum", List.of("plays", "time"), "default", "plays",
				"description", "rank by plays or by listening time; either way every item of the window competes"));
		return properties;
	}

	private static Map<String, Object> limit() {
		return Map.of("limit", Map.of("type", "integer", "minimum", 1, "maximum", HistoryAnalytics.MAX_LIMIT, "default",
				DEFAULT_LIMIT));
	}

	/**
	 * An input schema: {@code user_id} (needed with the admin token) plus the given
	 * properties.
	 */
	static Map<String, Object> schema(Map<String, Object> common, Map<String, Object> specific, String... required) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("user_id", Map.of("type", "integer", "minimum", 1, "description",
				"the user to read; required with the admin token, implied by a per-user token"));
		properties.putAll(common);
		properties.putAll(specific);
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		schema.put("additionalProperties", false);
		if (required.length > 0) {
			schema.put("required", List.of(required));
		}
		return schema;
	}

	static Set<String> argumentNames(McpTool tool) {
		@SuppressWarnings("unchecked")
		Map<String, Object> properties = (Map<String, Object>) tool.inputSchema().get("properties");
		return new LinkedHashSet<>(properties.keySet());
	}

	private static String summary(WindowInfo window, String text) {
		return text + " (" + window.start() + " to " + window.end() + ", " + window.timeZone() + ")";
	}

	private static <T> String first(List<T> items, Function<T, String> render) {
		return items.isEmpty() ? "none" : render.apply(items.get(0));
	}

}
