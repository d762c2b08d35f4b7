package io.durableflow.definition.yaml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Reads and validates workflow definitions written in YAML (or JSON, which is YAML too):
 * the text is composed into nodes that keep every position, normalized into a
 * {@link WorkflowDefinitionModel}, and checked by every rule of DEFINITIONS.md, all
 * problems collected with their file, line, column and path.
 *
 * <pre>{@code
 * DefinitionParser parser = new DefinitionParser();
 * ParsedDefinition parsed = parser.parse("deploy.yaml", yaml,
 *         ParseOptions.standalone().withKnownActions(actionNames));
 * if (parsed.isValid()) {
 *     store(parsed.ref(), parsed.model().toJson(), parsed.source(), parsed.checksum());
 * }
 * parsed.problems().forEach(System.out::println);
 * }</pre>
 *
 * Make one and keep it: it holds the Jinja engine and a cache of analyzed templates.
 * Thread-safe.
 */
public final class DefinitionParser {

	/** The default size limit of one file. */
	public static final DataSize DEFAULT_MAX_FILE_SIZE = DataSize.ofMegabytes(1);

	private final long maxFileSize;

	private final YamlSource yaml;

	private final DefinitionReader reader;

	private final DefinitionValidator validator = new DefinitionValidator(new TemplateChecker());

	public DefinitionParser() {
		this(DEFAULT_MAX_FILE_SIZE);
	}

	public DefinitionParser(DataSize maxFileSize) {
		Assert.isTrue(maxFileSize.toBytes() > 0, "The maximum file size must be positive");
		this.maxFileSize = maxFileSize.toBytes();
		this.yaml = new YamlSource((int) Math.min(Integer.MAX_VALUE, this.maxFileSize));
		this.reader = new DefinitionReader(this.yaml);
	}

	public DataSize maxFileSize() {
		return DataSize.ofBytes(this.maxFileSize);
	}

	/** A definition on its own, such as an upload: its ref comes from the file. */
	public ParsedDefinition parse(String file, String source) {
		return parse(file, source, ParseOptions.standalone());
	}

	public ParsedDefinition parse(String file, String source, ParseOptions options) {
		return parse(file, source.getBytes(StandardCharsets.UTF_8), options);
	}

	/** The file's bytes, which must be UTF-8. */
	public ParsedDefinition parse(String file, byte[] content, ParseOptions options) {
		Problems problems = new Problems(file);
		if (content.length > this.maxFileSize) {
			problems.error(SourceLocation.DOCUMENT, tooLarge(content.length));
			return result(file, options.expectedRef(), null, null, null, problems);
		}
		String source;
		try {
			source = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(content))
				.toString();
		}
		catch (CharacterCodingException ex) {
			problems.error(SourceLocation.DOCUMENT, "The file is not UTF-8 text: save it as UTF-8");
			return result(file, options.expectedRef(), null, null, null, problems);
		}
		DefinitionReader.Read read = this.reader.read(source, options.expectedRef(), problems);
		WorkflowDefinitionModel model = read.model();
		if (model != null) {
			this.validator.validate(model, read.sourceMap(), source, options, problems);
		}
		String ref = (model != null && !model.ref().isEmpty()) ? model.ref() : options.expectedRef();
		return result(file, ref, source, sha256(content), problems.hasErrors() ? null : model, problems);
	}

	/**
	 * Why {@code source} is not one YAML document at all (its syntax, or a limit such as
	 * the nesting depth), at the line and column where reading stopped; empty when it is
	 * one, valid definition or not.
	 */
	public Optional<DefinitionProblem> syntaxError(String file, String source) {
		Problems problems = new Problems(file);
		this.yaml.compose(source, problems);
		return problems.sorted().stream().filter(DefinitionProblem::isError).findFirst();
	}

	/** The message for a file over the limit, naming both. */
	String tooLarge(long size) {
		return "The file is " + DataSize.ofBytes(size).toBytes() + " bytes, over the limit of " + this.maxFileSize
				+ " bytes (durableflow.definitions.max-file-size): split it, or raise the limit";
	}

	private static ParsedDefinition result(String file, @Nullable String ref, @Nullable String source,
			@Nullable String checksum, @Nullable WorkflowDefinitionModel model, Problems problems) {
		String pack = null;
		if (ref != null) {
			Matcher parts = DefinitionReader.REF.matcher(ref);
			pack = parts.matches() ? parts.group(1) : null;
		}
		return new ParsedDefinition(file, pack, ref, source, checksum, model, problems.sorted());
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
