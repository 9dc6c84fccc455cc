package org.spotifymcp.shared.users;

import jakarta.persistence.Converter;

import org.spotifymcp.shared.config.LowercaseEnumConverter;

@Converter
class SpotifyTokenStatusConverter extends LowercaseEnumConverter<SpotifyToken.Status> {

	SpotifyTokenStatusConverter() {
		super(SpotifyToken.Status.class);
	}

}
