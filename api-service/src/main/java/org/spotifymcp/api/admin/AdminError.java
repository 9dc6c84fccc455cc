package org.spotifymcp.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every admin error, the same shape as the 401/403 answers.
 *
 * @param status the HTTP status code
 * @param error the status phrase
 * @param message what went wrong, for people
 * @param field the request parameter, path variable or body field at fault, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdminError(int status, String error, String message, String field) {

}
