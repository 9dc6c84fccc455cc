package org.spotifymcp.shared.analytics;

/**
 * The window a result covers, as echoed to callers.
 *
 * @param start first local day
 * @param end last local day (inclusive)
 * @param timeZone the IANA zone days and hours were read in
 * @param days number of days
 */
public record WindowInfo(String start, String end, String timeZone, long days) {

}
