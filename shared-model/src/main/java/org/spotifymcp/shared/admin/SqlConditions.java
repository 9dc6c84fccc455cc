package org.spotifymcp.shared.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional conditions of a list query, collected as SQL with bind values so that only
 * the filters actually given reach the database (and its indexes).
 */
final class SqlConditions {

	private final List<String> clauses = new ArrayList<>();

	private final List<Object> values = new ArrayList<>();

	SqlConditions add(String clause, Object... clauseValues) {
		this.clauses.add(clause);
		this.values.addAll(List.of(clauseValues));
		return this;
	}

	SqlConditions addIfPresent(Object value, String clause) {
		if (value != null) {
			add(clause, value);
		}
		return this;
	}

	String where() {
		return this.clauses.isEmpty() ? "" : " where " + String.join(" and ", this.clauses);
	}

	Object[] values(Object... trailing) {
		List<Object> all = new ArrayList<>(this.values);
		all.addAll(List.of(trailing));
		return all.toArray();
	}

}
