package io.durableflow.definition.yaml;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.hubspot.jinjava.doc.annotations.JinjavaDoc;
import com.hubspot.jinjava.doc.annotations.JinjavaParam;
import com.hubspot.jinjava.el.ext.AstDict;
import com.hubspot.jinjava.el.ext.AstList;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.filter.Filter;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstFunction;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstMethod;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstString;
import org.jspecify.annotations.Nullable;

/**
 * Walks an expression tree for the names it looks up, the functions it calls, and the
 * filters and tests it applies (which must exist; a named argument a documented filter
 * does not take is an error too, since Jinjava drops it: {@code slice(start=1)} renders
 * three slices, not the list from index 1).
 *
 * <p>
 * Jinjava's parser writes a filter as a method call on an identifier
 * ({@code x | join(', ')} is {@code filter:join.filter(x, interpreter, ', ')}) and a test
 * likewise ({@code exptest:defined.evaluate(x, interpreter)}). Dict and list literals and
 * named arguments hide their parts from the tree's child API, so those few fields are
 * read reflectively; a Jinjava upgrade that renames them fails this package's tests.
 */
final class ExpressionReferences {

	private static final String FILTER = ExtendedParser.FILTER_PREFIX;

	private static final String TEST = ExtendedParser.EXPTEST_PREFIX;

	private static final Field DICT = field(AstDict.class, "dict");

	private static final Field LIST = field(AstList.class, "elements");

	private static final Field NAMED_NAME = field(AstNamedParameter.class, "name");

	private static final Field NAMED_VALUE = field(AstNamedParameter.class, "value");

	private final Context jinja;

	private final Map<String, Set<String>> filterParameters = new ConcurrentHashMap<>();

	ExpressionReferences(Context jinja) {
		this.jinja = jinja;
	}

	void collect(Tree tree, int line, int column, TemplateChecker.Analysis analysis) {
		new Walk(line, column, analysis).node((AstNode) tree.getRoot(), false);
	}

	private final class Walk {

		private final int line;

		private final int column;

		private final TemplateChecker.Analysis analysis;

		Walk(int line, int column, TemplateChecker.Analysis analysis) {
			this.line = line;
			this.column = column;
			this.analysis = analysis;
		}

		void node(AstNode node, boolean guarded) {
			if (node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot
					&& dot.getChild(0) instanceof AstIdentifier identifier
					&& (identifier.getName().startsWith(FILTER) || identifier.getName().startsWith(TEST))) {
				applied(identifier.getName(), (AstParameters) method.getChild(1), guarded);
			}
			else if (node instanceof AstDot || node instanceof AstBracket || node instanceof AstIdentifier) {
				chain(node, guarded);
			}
			else if (node instanceof AstFunction function) {
				this.analysis.calls.add(new TemplateChecker.Call(function.getName(), this.line, this.column));
				children(node, guarded);
			}
			else if (node instanceof AstNamedParameter named) {
				AstNode value = (AstNode) read(NAMED_VALUE, named);
				if (value != null) {
					node(value, guarded);
				}
			}
			else if (node instanceof AstDict dict) {
				Map<?, ?> entries = (Map<?, ?>) read(DICT, dict);
				if (entries != null) {
					entries.forEach((key, value) -> {
						node((AstNode) key, guarded);
						node((AstNode) value, guarded);
					});
				}
			}
			else if (node instanceof AstList list) {
				AstParameters elements = (AstParameters) read(LIST, list);
				if (elements != null) {
					children(elements, guarded);
				}
			}
			else {
				children(node, guarded);
			}
		}

		private void children(AstNode node, boolean guarded) {
			for (int i = 0; i < node.getCardinality(); i++) {
				node((AstNode) node.getChild(i), guarded);
			}
		}

		/**
		 * A filter or test: its input (guarded by default and defined), then its
		 * arguments.
		 */
		private void applied(String identifier, AstParameters parameters, boolean guarded) {
			boolean filter = identifier.startsWith(FILTER);
			String name = identifier.substring(filter ? FILTER.length() : TEST.length());
			if (filter && !filterExists(name)) {
				issue("Unknown filter '" + name + "'");
			}
			else if (!filter && ExpressionReferences.this.jinja.getExpTest(name) == null) {
				issue("Unknown test '" + name + "'");
			}
			boolean guards = (filter && (name.equals("default") || name.equals("d")))
					|| (!filter && (name.equals("defined") || name.equals("undefined")));
			for (int i = 0; i < parameters.getCardinality(); i++) {
				AstNode parameter = parameters.getChild(i);
				if (parameter instanceof AstIdentifier identifierNode
						&& ExtendedParser.INTERPRETER.equals(identifierNode.getName())) {
					continue;
				}
				if (filter && parameter instanceof AstNamedParameter named) {
					namedArgument(name, named);
				}
				node(parameter, guarded || (i == 0 && guards));
			}
		}

		private boolean filterExists(String name) {
			return ExpressionReferences.this.jinja.getFilter(name) != null;
		}

		private void namedArgument(String filter, AstNamedParameter named) {
			AstIdentifier identifier = (AstIdentifier) read(NAMED_NAME, named);
			Set<String> parameters = parametersOf(filter);
			if (identifier != null && !parameters.isEmpty() && !parameters.contains(identifier.getName())) {
				issue("Filter '" + filter + "' has no parameter '" + identifier.getName() + "' (its parameters: "
						+ String.join(", ", parameters) + ")");
			}
		}

		/** A lookup such as {@code task.deploy.result}: the root and its static parts. */
		private void chain(AstNode node, boolean guarded) {
			List<String> segments = new ArrayList<>();
			AstNode current = node;
			while (true) {
				if (current instanceof AstDot dot) {
					segments.add(0, dot.toString().substring(2));
					current = (AstNode) dot.getChild(0);
				}
				else if (current instanceof AstBracket bracket) {
					AstNode property = (AstNode) bracket.getChild(1);
					if (bracket.getCardinality() == 2 && property instanceof AstString string) {
						segments.add(0, String.valueOf(string.eval(null, null)));
					}
					else {
						for (int i = 1; i < bracket.getCardinality(); i++) {
							node((AstNode) bracket.getChild(i), guarded);
						}
						segments.clear();
					}
					current = (AstNode) bracket.getChild(0);
				}
				else {
					break;
				}
			}
			if (current instanceof AstIdentifier identifier) {
				this.analysis.references.add(new TemplateChecker.Reference(identifier.getName(), List.copyOf(segments),
						guarded, this.line, this.column));
			}
			else {
				node(current, guarded);
			}
		}

		private void issue(String message) {
			this.analysis.issues.add(new TemplateChecker.Issue(this.line, this.column, message));
		}

	}

	private Set<String> parametersOf(String filter) {
		return this.filterParameters.computeIfAbsent(filter, (name) -> {
			Filter implementation = this.jinja.getFilter(name);
			JinjavaDoc doc = (implementation != null) ? implementation.getClass().getAnnotation(JinjavaDoc.class)
					: null;
			if (doc == null) {
				return Set.of();
			}
			return Arrays.stream(doc.params())
				.map(JinjavaParam::value)
				.collect(Collectors.toCollection(LinkedHashSet::new));
		});
	}

	private static @Nullable Field field(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Object read(@Nullable Field field, Object target) {
		try {
			return (field != null) ? field.get(target) : null;
		}
		catch (IllegalAccessException ex) {
			return null;
		}
	}

}
