package io.durableflow.sample.checks;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * Finds common misspellings with a bundled dictionary ({@code typos.txt}: "wrong correct"
 * a line).
 */
@DurableAction(name = "docs.typo_check")
public class TypoCheck implements Action<CheckInput, List<Finding>> {

	private static final Pattern WORD = Pattern.compile("[A-Za-z']+");

	private final Map<String, String> corrections;

	public TypoCheck() {
		this.corrections = load("typos.txt");
	}

	@Override
	public List<Finding> execute(ActionContext context, CheckInput input) {
		return check(input.body());
	}

	public List<Finding> check(String text) {
		List<Finding> findings = new ArrayList<>();
		Matcher words = WORD.matcher(text);
		while (words.find()) {
			String correction = this.corrections.get(words.group().toLowerCase(Locale.ROOT));
			if (correction != null) {
				findings.add(new Finding("typo", 0, words.group() + " -> " + correction));
			}
		}
		return findings;
	}

	private static Map<String, String> load(String resource) {
		Map<String, String> corrections = new HashMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			reader.lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map((line) -> line.split("\\s+"))
				.filter((parts) -> parts.length == 2)
				.forEach((parts) -> corrections.put(parts[0], parts[1]));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the bundled dictionary " + resource, ex);
		}
		return Map.copyOf(corrections);
	}

}
