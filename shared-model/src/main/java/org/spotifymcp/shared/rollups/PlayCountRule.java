package org.spotifymcp.shared.rollups;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings {@code play_count_rule} in line with the configured
 * {@link PlayCountingProperties} at the collector's start (the collector writes the
 * rollups). When the rule changed, the rollups were counted under the old one, so every
 * user's are rebuilt in the same transaction: readers see either the old rule with its
 * counts or the new one with its.
 */
public class PlayCountRule {

	private static final Logger log = LoggerFactory.getLogger(PlayCountRule.class);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final PlayCountingProperties properties;

	public PlayCountRule(JdbcTemplate jdbc, TransactionTemplate transactions, PlayCountingProperties properties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
	}

	/**
	 * @return true when the stored rule changed (and the rollups were rebuilt)
	 */
	public boolean apply() {
		Boolean changed = this.transactions.execute((status) -> {
			int updated = this.jdbc.update(
					"UPDATE play_count_rule SET min_ms = ?, end_tolerance_ms = ?, updated_at = now()"
							+ " WHERE min_ms <> ? OR end_tolerance_ms <> ?",
					this.properties.minMs(), this.properties.endToleranceMs(), this.properties.minMs(),
					this.properties.endToleranceMs());
			if (updated == 0) {
				return false;
			}
			List<RollupRebuild.Difference> differences = new RollupRebuild(this.jdbc).rebuildAll();
			log.info("Play counting rule is now {} ms (end tolerance {} ms); rebuilt the rollups, {} rollup(s) changed",
					this.properties.minMs(), this.properties.endToleranceMs(), differences.size());
			return true;
		});
		return Boolean.TRUE.equals(changed);
	}

}
