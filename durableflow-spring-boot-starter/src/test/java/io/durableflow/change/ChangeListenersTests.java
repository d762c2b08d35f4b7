package io.durableflow.change;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.durableflow.ChangeListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans are looked up once, on first use; listeners added by hand come after them.
 */
class ChangeListenersTests {

	private final ChangeListener first = (changes) -> {
	};

	private final ChangeListener second = (changes) -> {
	};

	private final ChangeListener added = (changes) -> {
	};

	@Test
	void theBeansComeFirstInTheirOrderThenTheAddedOnes() {
		ChangeListeners listeners = new ChangeListeners(() -> Stream.of(this.first, this.second));
		listeners.add(this.added);
		assertThat(listeners.get()).containsExactly(this.first, this.second, this.added);
		listeners.remove(this.added);
		assertThat(listeners.get()).containsExactly(this.first, this.second);
	}

	@Test
	void theBeansAreLookedUpOnceAndNotBeforeFirstUse() {
		AtomicInteger lookups = new AtomicInteger();
		ChangeListeners listeners = new ChangeListeners(() -> {
			lookups.incrementAndGet();
			return Stream.of(this.first);
		});
		listeners.add(this.added);
		assertThat(lookups).hasValue(0);
		listeners.get();
		listeners.get();
		listeners.add(this.second);
		assertThat(listeners.get()).containsExactly(this.first, this.added, this.second);
		assertThat(lookups).hasValue(1);
	}

	@Test
	void aChangeMadeWhileTheBeansAreLookedUpGoesToTheAddedOnesOnly() {
		AtomicReference<ChangeListeners> self = new AtomicReference<>();
		AtomicReference<List<ChangeListener>> duringLookup = new AtomicReference<>();
		ChangeListeners listeners = new ChangeListeners(() -> {
			// a listener bean whose creation records a change asks for the listeners
			// again
			duringLookup.set(self.get().get());
			return Stream.of(this.first);
		});
		self.set(listeners);
		listeners.add(this.added);
		assertThat(listeners.get()).containsExactly(this.first, this.added);
		assertThat(duringLookup.get()).containsExactly(this.added);
	}

}
