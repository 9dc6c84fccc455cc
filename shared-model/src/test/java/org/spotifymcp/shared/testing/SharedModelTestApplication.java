package org.spotifymcp.shared.testing;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application that boots the shared model, for the shared model's own tests.
 */
@SpringBootApplication
public class SharedModelTestApplication {

}
