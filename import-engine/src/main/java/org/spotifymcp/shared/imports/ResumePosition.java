package org.spotifymcp.shared.imports;

/**
 * Where reading continues: the archive entry (index in the archive's entry list) and the
 * number of its records already committed.
 *
 * @param entryIndex index of the entry in the archive
 * @param recordIndex records of that entry already done
 */
public record ResumePosition(int entryIndex, long recordIndex) {

	public static final ResumePosition START = new ResumePosition(0, 0);

}
