package org.spotifymcp.frontend.dashboard;

/**
 * One service's health as the dashboard shows it.
 *
 * @param name the service
 * @param status up, down, quiet or unknown
 * @param detail what was seen
 */
record ServiceHealth(String name, String status, String detail) {

}
