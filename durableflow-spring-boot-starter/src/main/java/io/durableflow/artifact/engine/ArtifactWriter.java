package io.durableflow.artifact.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import io.durableflow.ArtifactRef;
import io.durableflow.StepError;
import io.durableflow.artifact.ArtifactStore;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.unit.DataSize;

/**
 * Stores an artifact once per (run, step, name): the row first (in a transaction of its
 * own), then the bytes through the {@link ArtifactStore} and their location on the row
 * (in a second one), whatever transaction the caller is in. A call that finds the row
 * with its bytes stored (a retry of the step, a replay after a crash before the step was
 * recorded) returns it and stores nothing; one that finds the row without them (a crash
 * between row and bytes) stores them under the row's id.
 */
public class ArtifactWriter {

	/** The stable code of the error for an artifact over the size limit. */
	public static final String TOO_LARGE = "artifact_too_large";

	static final int MAX_NAME_LENGTH = 255;

	private final ArtifactRows rows;

	private final ArtifactStore store;

	private final DataSize maxSize;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/**
	 * @param transactions transactions of their own ({@code REQUIRES_NEW}) on the
	 * engine's DataSource: an artifact stored in a transactional step's body is kept when
	 * that transaction rolls back, so its retry finds it instead of storing another
	 */
	public ArtifactWriter(ArtifactRows rows, ArtifactStore store, DataSize maxSize, Clock clock,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.rows = rows;
		this.store = store;
		this.maxSize = maxSize;
		this.clock = clock;
	}

	/**
	 * Refuses a name or content type that cannot be stored and served as a download.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static void check(String name, String contentType, byte[] body) {
		if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("An artifact's name must be 1 to " + MAX_NAME_LENGTH
					+ " characters and not blank, was " + quoted(name));
		}
		if (name.chars().anyMatch((c) -> Character.isISOControl(c) || c == '/' || c == '\\')) {
			throw new IllegalArgumentException("Artifact name " + quoted(name)
					+ " holds a control character, '/' or '\\'; use a plain file name such as \"report.csv\"");
		}
		if (body == null) {
			throw new IllegalArgumentException("Artifact '" + name + "' has no body; an empty array stores 0 bytes");
		}
		String problem = contentTypeProblem(contentType);
		if (problem != null) {
			throw new IllegalArgumentException("Artifact '" + name + "' has content type " + quoted(contentType)
					+ ", which " + problem + "; give a media type such as \"text/csv\" or \"application/pdf\"");
		}
	}

	private static String contentTypeProblem(String contentType) {
		if (contentType == null || contentType.isBlank() || contentType.length() > MAX_NAME_LENGTH) {
			return "is blank or longer than " + MAX_NAME_LENGTH + " characters";
		}
		if (contentType.chars().anyMatch((c) -> c < 0x20 || c > 0x7e)) {
			return "holds a character other than printable ASCII";
		}
		try {
			MimeType type = MimeTypeUtils.parseMimeType(contentType);
			return (type.isWildcardType() || type.isWildcardSubtype()) ? "is a wildcard" : null;
		}
		catch (InvalidMimeTypeException ex) {
			return "is not a media type (" + ex.getMessage() + ")";
		}
	}

	/**
	 * Stores the artifact {@code name} of {@code runId}'s step {@code stepName}, or
	 * returns the one stored there already; durable when it returns.
	 * @throws StepError {@value #TOO_LARGE} (permanent) over the size limit, nothing
	 * stored
	 */
	public ArtifactRef store(String runId, String stepName, String name, String contentType, byte[] body) {
		check(name, contentType, body);
		long limit = this.maxSize.toBytes();
		if (body.length > limit) {
			throw StepError.permanent(TOO_LARGE,
					"Artifact '" + name + "' is " + body.length + " bytes, over the limit of " + limit + " bytes ("
							+ "durableflow.artifacts.max-size=" + readable(this.maxSize) + "); nothing was stored");
		}
		String sha256 = sha256(body);
		ArtifactRef candidate = new ArtifactRef(UUID.randomUUID().toString(), name, contentType, body.length, stepName,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		ArtifactRows.Row row = this.transactions.execute((status) -> this.rows.reserve(runId, candidate, sha256));
		if (row.stored()) {
			return row.ref();
		}
		ArtifactRef ref = new ArtifactRef(row.ref().id(), name, contentType, body.length, stepName,
				row.ref().createdAt());
		this.transactions.executeWithoutResult((status) -> {
			try {
				this.rows.stored(ref, this.store.put(runId, ref, body), sha256);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Artifact '" + name + "' of run " + runId + " could not be stored", ex);
			}
		});
		return ref;
	}

	static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A size as it would be configured: {@code 10MB}, {@code 1KB}, {@code 1500B}. */
	static String readable(DataSize size) {
		long bytes = size.toBytes();
		for (String unit : new String[] { "GB", "MB", "KB" }) {
			long factor = DataSize.parse("1" + unit).toBytes();
			if (bytes >= factor && bytes % factor == 0) {
				return (bytes / factor) + unit;
			}
		}
		return bytes + "B";
	}

	private static String quoted(String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

}
