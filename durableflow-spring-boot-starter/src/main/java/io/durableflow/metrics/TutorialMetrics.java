package io.durableflow.metrics;

import java.util.Map;

import io.durableflow.store.RunCounts;
import io.durableflow.store.TutorialStore;
import io.durableflow.tutorials.Tutorial;
import io.durableflow.tutorials.Tutorials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Tutorial meters: unfinished tutorial runs by slug, refused starts by reason, and the
 * largest number of unfinished tutorial runs any one user holds
 * ({@code durableflow.tutorials.active.max.per.user}), the invariant an alert keys on: it
 * must never exceed the cap.
 */
public class TutorialMetrics implements MeterBinder {

	private final Tutorials tutorials;

	private final TutorialStore store;

	private volatile Map<String, Long> bySlug = Map.of();

	private volatile long refreshedAt;

	public TutorialMetrics(Tutorials tutorials, TutorialStore store) {
		this.tutorials = tutorials;
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Tutorial tutorial : this.tutorials.catalog().tutorials()) {
			Gauge.builder("durableflow.tutorials.active", this, (metrics) -> metrics.active(tutorial.slug()))
				.description("Unfinished tutorial runs, over all users")
				.tag("slug", tutorial.slug())
				.register(registry);
		}
		Gauge.builder("durableflow.tutorials.active.max.per.user", this.store, TutorialStore::largestActivePerUser)
			.description("The most unfinished tutorial runs any one user holds; never above the cap")
			.register(registry);
		Gauge.builder("durableflow.tutorials.active.cap", this.tutorials, Tutorials::maxActivePerUser)
			.description("durableflow.tutorials.max-active-per-user")
			.register(registry);
		this.tutorials.onRejection((ex) -> Counter.builder("durableflow.tutorials.rejected")
			.description("Tutorial starts refused")
			.tags("reason", ex.reason(), "slug", (ex.reason().equals("unknown_slug")) ? "unknown" : ex.slug())
			.register(registry)
			.increment());
	}

	double active(String slug) {
		long now = System.currentTimeMillis();
		if (now - this.refreshedAt > RunCounts.CACHE.toMillis()) {
			this.bySlug = this.store.activeBySlug();
			this.refreshedAt = now;
		}
		return this.bySlug.getOrDefault(slug, 0L);
	}

}
