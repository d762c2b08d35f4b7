package io.durableflow.definition.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import com.hubspot.jinjava.tree.parse.Token;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.javax.el.ELException;

/**
 * Checks that templates parse as Jinja, with Jinjava, the engine that will render them:
 * its template parser for tags and braces, then its expression parser (the JUEL parser
 * Jinjava extends, shipped inside it) for every {@code {{ expr }}} and every tag's
 * expression, which Jinjava itself would parse only while rendering. What each template
 * refers to comes from the expression trees ({@link ExpressionReferences}); whether those
 * names exist is the validator's business, which knows the definition.
 *
 * <p>
 * One instance serves every definition: building a {@link Jinjava} loads its libraries,
 * and templates repeat across definitions, so each distinct template is analyzed once (up
 * to {@value #CACHE_SIZE} of them are kept). Thread-safe.
 */
final class TemplateChecker {

	static final Set<String> OWN_FUNCTIONS = Set.of("succeeded", "failed", "timed_out", "result");

	static final int CACHE_SIZE = 20_000;

	private final Jinjava jinjava = new Jinjava();

	/** The features of the parser Jinjava renders with (JUEL's JEE6 profile). */
	private final Builder expressions = new ExtendedSyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS,
			Builder.Feature.VARARGS);

	private final Set<String> functions = new HashSet<>(OWN_FUNCTIONS);

	private final ExpressionReferences references;

	private final Map<String, Analysis> cache = new ConcurrentHashMap<>();

	TemplateChecker() {
		for (ELFunctionDefinition function : this.jinjava.getGlobalContext().getAllFunctions()) {
			this.functions.add(function.getNamespace().isEmpty() ? function.getLocalName() : function.getName());
		}
		this.references = new ExpressionReferences(this.jinjava.getGlobalContext());
	}

	/** Whether the text holds Jinja syntax at all: most values are plain text. */
	static boolean isTemplate(String text) {
		return text.contains("{{") || text.contains("{%") || text.contains("{#");
	}

	/**
	 * What the template refers to and what is wrong with it, positions relative to it.
	 */
	Analysis analyze(String template) {
		Analysis analysis = this.cache.get(template);
		if (analysis == null) {
			analysis = parse(template);
			if (this.cache.size() >= CACHE_SIZE) {
				this.cache.clear();
			}
			this.cache.put(template, analysis);
		}
		return analysis;
	}

	private Analysis parse(String template) {
		Analysis analysis = new Analysis();
		JinjavaInterpreter interpreter = this.jinjava.newInterpreter();
		Node root = interpreter.parse(template);
		for (TemplateError error : interpreter.getErrors()) {
			if (error.getSeverity() != TemplateError.ErrorType.WARNING) {
				analysis.issues.add(new Issue(Math.max(1, error.getLineno()), Math.max(1, error.getStartPosition()),
						error.getMessage()));
			}
		}
		unclosed(template, analysis);
		walk(root, analysis);
		for (Call call : analysis.calls) {
			if (!this.functions.contains(call.name()) && !analysis.locals.contains(call.name())) {
				analysis.issues.add(new Issue(call.line(), call.column(), "Unknown function '" + call.name()
						+ "()': the functions are succeeded(), failed(), timed_out(), result() and Jinjava's own"));
			}
		}
		return analysis;
	}

	/** Jinjava keeps an unclosed {@code {{} as text; Jinja refuses it, and so do we. */
	private static void unclosed(String template, Analysis analysis) {
		int line = 1;
		int lineStart = 0;
		for (int i = 0; i < template.length() - 1; i++) {
			char c = template.charAt(i);
			if (c == '\n') {
				line++;
				lineStart = i + 1;
			}
			else if (c == '{' && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '%')) {
				String close = (template.charAt(i + 1) == '{') ? "}}" : "%}";
				int end = template.indexOf(close, i + 2);
				if (end < 0) {
					analysis.issues.add(new Issue(line, i - lineStart + 1,
							"'" + template.substring(i, i + 2) + "' is never closed with '" + close + "'"));
					return;
				}
				for (int j = i; j < end; j++) {
					if (template.charAt(j) == '\n') {
						line++;
						lineStart = j + 1;
					}
				}
				i = end + 1;
			}
		}
	}

	private void walk(Node node, Analysis analysis) {
		if (node instanceof ExpressionNode expression && expression.getMaster() instanceof ExpressionToken token) {
			expression(token.getExpr(), token, analysis);
		}
		else if (node instanceof TagNode tag) {
			tag(tag, analysis);
		}
		for (Node child : node.getChildren()) {
			walk(child, analysis);
		}
	}

	private void tag(TagNode tag, Analysis analysis) {
		String helpers = tag.getHelpers().trim();
		switch (tag.getName()) {
			case "if", "elif", "elseif", "unless" -> expression(helpers, tag.getMaster(), analysis);
			case "for" -> {
				int in = helpers.indexOf(" in ");
				if (in > 0) {
					for (String variable : helpers.substring(0, in).split(",")) {
						analysis.locals.add(variable.trim());
					}
					analysis.locals.add("loop");
					expression(helpers.substring(in + 4), tag.getMaster(), analysis);
				}
			}
			case "set" -> {
				int equals = helpers.indexOf('=');
				String names = (equals > 0) ? helpers.substring(0, equals) : helpers;
				for (String variable : names.split(",")) {
					analysis.locals.add(variable.trim());
				}
				if (equals > 0) {
					expression(helpers.substring(equals + 1), tag.getMaster(), analysis);
				}
			}
			case "macro" -> {
				int paren = helpers.indexOf('(');
				analysis.locals.add((paren > 0) ? helpers.substring(0, paren).trim() : helpers);
				if (paren > 0 && helpers.endsWith(")")) {
					for (String parameter : helpers.substring(paren + 1, helpers.length() - 1).split(",")) {
						analysis.locals.add(parameter.split("=")[0].trim());
					}
				}
			}
			default -> {
				// other tags: Jinjava's parse has checked them
			}
		}
	}

	private void expression(String expression, Token token, Analysis analysis) {
		int offset = Math.max(0, token.getImage().indexOf(expression.trim()));
		int column = Math.max(1, token.getStartPosition()) + offset;
		Tree tree;
		try {
			tree = this.expressions.build("#{" + expression.trim() + "}");
		}
		catch (TreeBuilderException ex) {
			int at = Math.max(0, ex.getPosition() - 2);
			analysis.issues
				.add(new Issue(token.getLineNumber(), column + at, "'" + expression.trim() + "' does not parse: found "
						+ ex.getEncountered() + " at position " + (at + 1) + ", expected " + ex.getExpected()));
			return;
		}
		catch (ELException ex) {
			analysis.issues.add(new Issue(token.getLineNumber(), column,
					"'" + expression.trim() + "' does not parse: " + ex.getMessage()));
			return;
		}
		this.references.collect(tree, token.getLineNumber(), column, analysis);
	}

	/** A problem of a template, at its own line and column (from 1). */
	record Issue(int line, int column, String message) {

	}

	/**
	 * A name the template looks up: {@code root} and the static parts after it
	 * ({@code task.deploy.result} is {@code task} and {@code [deploy, result]}).
	 * {@code guarded} when it sits inside {@code default(...)} or an {@code is defined}
	 * test, which may ask for what does not exist.
	 */
	record Reference(String root, List<String> segments, boolean guarded, int line, int column) {

	}

	/** A call of a function, by name. */
	record Call(String name, int line, int column) {

	}

	/** What one template refers to and what is wrong with it. */
	static final class Analysis {

		final List<Issue> issues = new ArrayList<>();

		final List<Reference> references = new ArrayList<>();

		final List<Call> calls = new ArrayList<>();

		/**
		 * Names the template defines itself ({@code for}, {@code set}, {@code macro}).
		 */
		final Set<String> locals = new HashSet<>();

	}

}
