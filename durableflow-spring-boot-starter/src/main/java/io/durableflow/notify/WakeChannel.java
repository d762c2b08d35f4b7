package io.durableflow.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.durableflow.support.DurableFlowThreads;
import io.durableflow.support.LifecyclePhases;

import org.springframework.context.SmartLifecycle;

/**
 * This instance's PostgreSQL notification channels. Chiefly "there is new due work": said
 * in this JVM by {@link #publish()} after a commit, heard here at once by local
 * subscribers, and sent to the other instances on the same database with {@code NOTIFY}
 * on {@value #CHANNEL}. Other channels (live changes) ride on the same listening
 * connection and sender.
 * <p>
 * Notifications are sent after commit from a connection of their own rather than inside
 * the caller's transaction: a NOTIFY inside a transaction takes a database-wide lock at
 * commit that would serialize every starting transaction. Polling remains the safety net
 * for a lost wake-up.
 * <p>
 * A lifecycle bean of the lowest DurableFlow phase: its threads (one listening
 * connection, one sender) start with the context, before the parts that use it, and stop
 * after them, sending what they left in the outbox (a run released at shutdown wakes the
 * other instances at once).
 */
public class WakeChannel implements SmartLifecycle {

	public static final String CHANNEL = "durableflow_wake";

	private static final Log logger = LogFactory.getLog(WakeChannel.class);

	private static final String[] WAKE = { CHANNEL, null };

	private static final DurableFlowThreads LISTENER_THREADS = DurableFlowThreads.daemon("notify-listener");

	private static final DurableFlowThreads SENDER_THREADS = DurableFlowThreads.daemon("notify-sender");

	/** Least time between two sends of notifications (a commit each). */
	private static final long SEND_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final DataSource dataSource;

	private final String instanceId;

	private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();

	private final Map<String, BiConsumer<String, String>> channelListeners = new ConcurrentHashMap<>();

	private final BlockingQueue<String[]> outbox = new LinkedBlockingQueue<>(10_000);

	private final AtomicBoolean wakePending = new AtomicBoolean();

	private final AtomicLong sendFailures = new AtomicLong();

	private volatile boolean running;

	private volatile Thread sender;

	private volatile Thread listener;

	public WakeChannel(DataSource dataSource, String instanceId) {
		this.dataSource = dataSource;
		this.instanceId = instanceId;
	}

	public String instanceId() {
		return this.instanceId;
	}

	/** Tells local subscribers at once and the other instances soon that work is due. */
	public void publish() {
		this.subscribers.forEach(Runnable::run);
		if (this.wakePending.compareAndSet(false, true)) {
			ensureSender();
			if (!this.outbox.offer(WAKE)) {
				this.wakePending.set(false);
			}
		}
	}

	/**
	 * Calls {@code subscriber} whenever this or another instance publishes; starts
	 * listening.
	 */
	public synchronized void subscribe(Runnable subscriber) {
		this.subscribers.add(subscriber);
		ensureListener();
	}

	public void unsubscribe(Runnable subscriber) {
		this.subscribers.remove(subscriber);
	}

	/**
	 * Listens on another channel: {@code listener} gets (sending instance, payload) of
	 * every notification another instance sends there.
	 */
	public synchronized void listen(String channel, BiConsumer<String, String> listener) {
		this.channelListeners.put(channel, listener);
		ensureListener();
	}

	/**
	 * Sends {@code payload} (at most about 7,900 bytes) on {@code channel} to the other
	 * instances, soon.
	 */
	public void send(String channel, String payload) {
		ensureSender();
		if (!this.outbox.offer(new String[] { channel, payload })) {
			this.sendFailures.incrementAndGet();
		}
	}

	/** Notifications that could not be sent (a full outbox or a database error). */
	public long sendFailures() {
		return this.sendFailures.get();
	}

	/**
	 * Listens once someone subscribes (no connection is held for an instance nobody
	 * listens on).
	 */
	private synchronized void ensureListener() {
		if (this.listener == null && this.running) {
			this.listener = LISTENER_THREADS.newThread(this::listenLoop);
			this.listener.start();
		}
	}

	private synchronized void ensureSender() {
		if (this.sender == null && this.running) {
			this.sender = SENDER_THREADS.newThread(this::sendLoop);
			this.sender.start();
		}
	}

	private void sendLoop() {
		long lastSend = System.nanoTime() - SEND_SPACING_NANOS;
		while (this.running || !this.outbox.isEmpty()) {
			try {
				String[] first = this.outbox.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				// back-to-back sends are spaced a little, so a busy instance sends a few
				// notifications a second's worth of wake-ups rather than one per start
				// (each is a commit, heard by every instance)
				long wait = SEND_SPACING_NANOS - (System.nanoTime() - lastSend);
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				List<String[]> batch = new ArrayList<>();
				batch.add(first);
				this.outbox.drainTo(batch, 500);
				this.wakePending.set(false);
				lastSend = System.nanoTime();
				try (Connection connection = this.dataSource.getConnection();
						PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
					// one transaction: the notifications are delivered together at its
					// commit
					connection.setAutoCommit(false);
					for (String[] message : batch) {
						statement.setString(1, message[0]);
						statement.setString(2, this.instanceId + "|" + ((message[1] != null) ? message[1] : ""));
						statement.execute();
					}
					connection.commit();
				}
				catch (SQLException ex) {
					this.sendFailures.addAndGet(batch.size());
					logger.debug("Could not send " + batch.size() + " notifications; other instances will poll", ex);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void listenLoop() {
		long backoff = 500;
		while (this.running) {
			List<String> listening = new ArrayList<>();
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				PGConnection pg = connection.unwrap(PGConnection.class);
				backoff = 500;
				listenTo(connection, CHANNEL, listening);
				// anything published while we were not listening is picked up now
				this.subscribers.forEach(Runnable::run);
				while (this.running) {
					for (String channel : this.channelListeners.keySet()) {
						listenTo(connection, channel, listening);
					}
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications != null) {
						dispatch(notifications);
					}
				}
			}
			catch (SQLException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("DurableFlow lost its LISTEN connection (" + ex.getMessage() + "); reconnecting in "
						+ backoff + " ms, polling meanwhile");
				try {
					TimeUnit.MILLISECONDS.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = Math.min(backoff * 2, 10_000);
			}
		}
	}

	private static void listenTo(Connection connection, String channel, List<String> listening) throws SQLException {
		if (!listening.contains(channel)) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("LISTEN \"" + channel.replace("\"", "") + "\"");
			}
			listening.add(channel);
		}
	}

	private void dispatch(PGNotification[] notifications) {
		boolean wake = false;
		for (PGNotification notification : notifications) {
			String parameter = notification.getParameter();
			int bar = parameter.indexOf('|');
			String origin = (bar >= 0) ? parameter.substring(0, bar) : parameter;
			if (this.instanceId.equals(origin)) {
				continue;
			}
			if (CHANNEL.equals(notification.getName())) {
				wake = true;
				continue;
			}
			BiConsumer<String, String> listener = this.channelListeners.get(notification.getName());
			if (listener != null) {
				try {
					listener.accept(origin, (bar >= 0) ? parameter.substring(bar + 1) : "");
				}
				catch (RuntimeException ex) {
					logger.warn("A listener of channel " + notification.getName() + " failed", ex);
				}
			}
		}
		if (wake) {
			this.subscribers.forEach(Runnable::run);
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		if (!this.subscribers.isEmpty() || !this.channelListeners.isEmpty()) {
			ensureListener();
		}
		if (!this.outbox.isEmpty()) {
			ensureSender();
		}
	}

	/**
	 * Stops listening; the sender sends what is in the outbox first (for at most two
	 * seconds).
	 */
	@Override
	public void stop() {
		Thread sender;
		Thread listener;
		synchronized (this) {
			this.running = false;
			sender = this.sender;
			listener = this.listener;
			this.sender = null;
			this.listener = null;
		}
		try {
			if (listener != null) {
				listener.interrupt();
				listener.join(2000);
			}
			if (sender != null) {
				sender.join(2000);
				sender.interrupt();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.BUS;
	}

}
