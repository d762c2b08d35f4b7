package io.durableflow.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.DisposableBean;

/**
 * "There is new due work": said in this JVM by calling {@link #publish()} after a commit, heard
 * here at once by the local subscribers, and sent to the other instances on the same database
 * with PostgreSQL {@code NOTIFY} on channel {@value #CHANNEL}.
 * <p>
 * The NOTIFY is sent after commit from a connection of its own, coalesced, rather than inside the
 * caller's transaction: a NOTIFY inside a transaction takes a database-wide lock at commit that
 * would serialize every starting transaction. Polling remains the safety net for a lost NOTIFY.
 */
public class WakeChannel implements DisposableBean {

	public static final String CHANNEL = "durableflow_wake";

	/** At most one NOTIFY this often; wake-ups in between ride along. */
	private static final long MIN_NOTIFY_SPACING_MILLIS = 2;

	private static final Log logger = LogFactory.getLog(WakeChannel.class);

	private final DataSource dataSource;

	private final String instanceId;

	private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();

	private final Semaphore notifyRequests = new Semaphore(0);

	private volatile boolean running = true;

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
		ensureSender();
		this.notifyRequests.release();
	}

	/** Calls {@code subscriber} whenever this or another instance publishes; starts listening. */
	public synchronized void subscribe(Runnable subscriber) {
		this.subscribers.add(subscriber);
		if (this.listener == null && this.running) {
			this.listener = daemon("durableflow-wake-listener", this::listen);
		}
	}

	public void unsubscribe(Runnable subscriber) {
		this.subscribers.remove(subscriber);
	}

	private synchronized void ensureSender() {
		if (this.sender == null && this.running) {
			this.sender = daemon("durableflow-wake-notifier", this::send);
		}
	}

	private void send() {
		while (this.running) {
			try {
				this.notifyRequests.acquire();
				this.notifyRequests.drainPermits();
				try (Connection connection = this.dataSource.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_notify('" + CHANNEL + "', '" + this.instanceId + "')");
				}
				catch (SQLException ex) {
					logger.debug("Could not send a wake-up NOTIFY; other instances will poll", ex);
				}
				Thread.sleep(MIN_NOTIFY_SPACING_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void listen() {
		long backoff = 500;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				backoff = 500;
				// anything published while we were not listening is picked up now
				this.subscribers.forEach(Runnable::run);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications != null && fromAnotherInstance(notifications)) {
						this.subscribers.forEach(Runnable::run);
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

	private boolean fromAnotherInstance(PGNotification[] notifications) {
		for (PGNotification notification : notifications) {
			if (!this.instanceId.equals(notification.getParameter())) {
				return true;
			}
		}
		return false;
	}

	private static Thread daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.running = false;
		for (Thread thread : new Thread[] { this.sender, this.listener }) {
			if (thread != null) {
				thread.interrupt();
				thread.join(2000);
			}
		}
	}

}
