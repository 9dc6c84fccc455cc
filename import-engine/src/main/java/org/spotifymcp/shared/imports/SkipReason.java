package org.spotifymcp.shared.imports;

/**
 * Why a record of an export is not a music play; each reason has its own counter on the
 * job, so the counts shown add up to the records read.
 */
public enum SkipReason {

	/** A podcast or video episode, or an audiobook chapter. */
	EPISODE,
	/** Neither a track URI nor a track name: nothing to identify. */
	NO_TRACK

}
