package io.durableflow.sample.checks;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A small house style: sentences of at most {@value #MAX_WORDS} words, no banned phrases,
 * and a heuristic for the passive voice (a form of "to be" followed by a past
 * participle).
 */
@DurableAction(name = "docs.style_guide")
public class StyleGuide implements Action<CheckInput, List<Finding>> {

	static final int MAX_WORDS = 30;

	static final List<String> BANNED = List.of("in order to", "at this point in time", "very unique", "utilize",
			"due to the fact that", "needless to say");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

	private static final Pattern PASSIVE = Pattern.compile(
			"\\b(?:is|are|was|were|be|been|being)\\s+(?:\\w+ly\\s+)?(\\w+ed|written|done|made|given|taken|seen)\\b",
			Pattern.CASE_INSENSITIVE);

	@Override
	public List<Finding> execute(ActionContext context, CheckInput input) {
		return check(input.body());
	}

	public List<Finding> check(String text) {
		List<Finding> findings = new ArrayList<>();
		String[] sentences = SENTENCE_END.split(text.strip());
		for (int i = 0; i < sentences.length; i++) {
			String sentence = sentences[i];
			int words = sentence.isBlank() ? 0 : sentence.trim().split("\\s+").length;
			if (words > MAX_WORDS) {
				findings.add(new Finding("sentence_length", i + 1, words + " words (at most " + MAX_WORDS + ")"));
			}
			String lower = sentence.toLowerCase(Locale.ROOT);
			for (String phrase : BANNED) {
				if (lower.contains(phrase)) {
					findings.add(new Finding("banned_phrase", i + 1, phrase));
				}
			}
			var passive = PASSIVE.matcher(sentence);
			if (passive.find()) {
				findings.add(new Finding("passive_voice", i + 1, passive.group()));
			}
		}
		return findings;
	}

}
