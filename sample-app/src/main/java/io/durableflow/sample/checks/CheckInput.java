package io.durableflow.sample.checks;

/**
 * What a document check reads: the document's title and body. The checks are actions
 * ({@code docs.broken_links}, {@code docs.typo_check}, {@code docs.style_guide}): the
 * app's code workflow, its tutorials and its YAML pack all call the same ones.
 */
public record CheckInput(String title, String body) {
}
