package io.durableflow;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The limits of a run's name and metadata ({@link StartOptions.Builder#name(String)},
 * {@link StartOptions.Builder#metadata(Map)}), and of a metadata filter
 * ({@link RunQuery.Builder#metadata(String, String)}). They keep a run row small and the
 * console readable; metadata is for finding runs, not for their data, which belongs in
 * the input.
 */
public final class RunMetadata {

	/** The longest name, in characters. */
	public static final int MAX_NAME_LENGTH = 200;

	/** The most entries a run's metadata may have. */
	public static final int MAX_ENTRIES = 64;

	/** The longest key, in characters. */
	public static final int MAX_KEY_LENGTH = 64;

	/** The longest value, in characters. */
	public static final int MAX_VALUE_LENGTH = 500;

	/**
	 * What a key is made of: letters, digits, {@code _}, {@code -} and {@code .} (so that
	 * {@code metadata.<key>=<value>} and {@code key=value} filters read it
	 * unambiguously).
	 */
	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

	private RunMetadata() {
	}

	static @Nullable String checkName(@Nullable String name) {
		if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
			throw new IllegalArgumentException("A run's name must be 1 to " + MAX_NAME_LENGTH
					+ " characters and not blank; this one has " + name.length());
		}
		return name;
	}

	/**
	 * A checked copy, ordered by key and unmodifiable; empty for {@code null}.
	 * @throws IllegalArgumentException naming the entry that breaks a limit
	 */
	static Map<String, String> copyOf(@Nullable Map<String, String> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return Map.of();
		}
		if (metadata.size() > MAX_ENTRIES) {
			throw new IllegalArgumentException(
					"A run's metadata may have at most " + MAX_ENTRIES + " entries; this one has " + metadata.size());
		}
		Map<String, String> copy = new TreeMap<>();
		metadata.forEach((key, value) -> {
			check(key, value);
			copy.put(key, value);
		});
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * Checks one entry.
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static void check(@Nullable String key, @Nullable String value) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("A metadata key must not be blank");
		}
		if (key.length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("Metadata key '" + key.substring(0, 20) + "...' has " + key.length()
					+ " characters; at most " + MAX_KEY_LENGTH + " are allowed");
		}
		if (!KEY.matcher(key).matches()) {
			throw new IllegalArgumentException(
					"Metadata key '" + key + "' may hold only letters, digits, '_', '-' and '.'");
		}
		if (value == null) {
			throw new IllegalArgumentException("Metadata key '" + key + "' has no value (null); give a string");
		}
		if (value.length() > MAX_VALUE_LENGTH) {
			throw new IllegalArgumentException("The value of metadata key '" + key + "' has " + value.length()
					+ " characters; at most " + MAX_VALUE_LENGTH + " are allowed");
		}
	}

}
