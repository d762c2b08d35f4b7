package io.durableflow.tutorials;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.durableflow.HostingMode;
import io.durableflow.LifecycleStage;
import io.durableflow.RunHandle;
import io.durableflow.StartOptions;
import io.durableflow.store.commit.EngineSupport;
import io.durableflow.start.RunStarter;
import io.durableflow.definition.WorkflowRegistry;
import io.durableflow.store.TutorialStore;
import io.durableflow.store.UniqueIndexes;

/**
 * Starts tutorials: a catalog entry's workflow as a {@code PLATFORM_TEMPLATE},
 * {@code PLAYGROUND} run of the user. One unfinished run per (user, slug) is held by the
 * database's partial unique index; at most
 * {@code durableflow.tutorials.max-active-per-user} unfinished runs per user is held by a
 * per-user transaction-scoped advisory lock around count-and-insert. Neither is a
 * read-then- write in Java that could race.
 */
public class Tutorials {

	static final String ONE_ACTIVE_INDEX = "workflow_runs_one_active_tutorial";

	private final TutorialCatalog catalog;

	private final WorkflowRegistry registry;

	private final RunStarter starter;

	private final TutorialStore store;

	private final EngineSupport support;

	private final DataSource dataSource;

	private final int maxActivePerUser;

	private final List<Consumer<TutorialException>> rejectionListeners = new CopyOnWriteArrayList<>();

	public Tutorials(TutorialCatalog catalog, WorkflowRegistry registry, RunStarter starter, TutorialStore store,
			EngineSupport support, DataSource dataSource, int maxActivePerUser) {
		if (maxActivePerUser < 1) {
			throw new IllegalArgumentException(
					"durableflow.tutorials.max-active-per-user must be at least 1, was " + maxActivePerUser);
		}
		this.catalog = catalog;
		this.registry = registry;
		this.starter = starter;
		this.store = store;
		this.support = support;
		this.dataSource = dataSource;
		this.maxActivePerUser = maxActivePerUser;
	}

	public TutorialCatalog catalog() {
		return this.catalog;
	}

	public int maxActivePerUser() {
		return this.maxActivePerUser;
	}

	/** Called with every refused start (for metrics). */
	public void onRejection(Consumer<TutorialException> listener) {
		this.rejectionListeners.add(listener);
	}

	/**
	 * Starts the tutorial {@code slug} for {@code userId}.
	 * @throws UnknownTutorialException no tutorial has that slug
	 * @throws TutorialAlreadyActiveException the user already has an unfinished run of it
	 * @throws TutorialLimitExceededException the user already has the most unfinished
	 * tutorial runs allowed
	 */
	public RunHandle start(String userId, String slug) {
		if (userId == null || userId.isBlank()) {
			throw new IllegalArgumentException("A tutorial is started for a user: userId must not be blank");
		}
		try {
			Tutorial tutorial = this.catalog.find(slug)
				.orElseThrow(() -> new UnknownTutorialException(userId, slug,
						this.catalog.tutorials().stream().map(Tutorial::slug).toList()));
			return this.support.inTransaction(() -> startLocked(userId, tutorial));
		}
		catch (TutorialException ex) {
			this.rejectionListeners.forEach((listener) -> listener.accept(ex));
			throw ex;
		}
	}

	private RunHandle startLocked(String userId, Tutorial tutorial) {
		this.store.lockUser(userId);
		if (this.store.activeFor(userId) >= this.maxActivePerUser) {
			throw new TutorialLimitExceededException(userId, tutorial.slug(), this.maxActivePerUser);
		}
		StartOptions options = StartOptions.builder()
			.hostingMode(HostingMode.PLATFORM_TEMPLATE)
			.lifecycleStage(LifecycleStage.PLAYGROUND)
			.userId(userId)
			.tutorialSlug(tutorial.slug())
			.build();
		// the index decides, not a prior read: a second active run of the slug is refused
		// by it
		return UniqueIndexes
			.unlessRefused(this.dataSource, ONE_ACTIVE_INDEX,
					() -> this.starter.start(this.registry.byName(tutorial.workflow()), tutorial.input(), options,
							null))
			.orElseThrow(() -> new TutorialAlreadyActiveException(userId, tutorial.slug()));
	}

}
