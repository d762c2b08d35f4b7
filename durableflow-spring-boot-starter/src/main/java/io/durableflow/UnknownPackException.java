package io.durableflow;

import java.util.List;

/** No definitions location has a pack of that name. */
public class UnknownPackException extends IllegalArgumentException {

	private final String pack;

	public UnknownPackException(String pack, List<String> locations) {
		super("No pack named '" + pack + "' under " + locations
				+ " (durableflow.definitions.locations): a pack is a folder <pack>/workflows/ in one of them");
		this.pack = pack;
	}

	public String pack() {
		return this.pack;
	}

}
