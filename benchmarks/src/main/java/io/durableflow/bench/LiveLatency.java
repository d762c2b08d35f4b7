package io.durableflow.bench;

import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.durableflow.DurableFlow;
import io.durableflow.StartOptions;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Commit-to-browser latency of live changes: two instances on one database, a STOMP
 * client on each; a run is started on the first; the time from the start's commit to the
 * {@code workflow_run.created} message at each client. The second instance only hears of
 * it through PostgreSQL LISTEN/NOTIFY. Includes the 50 ms coalescing window by design.
 */
final class LiveLatency {

	private LiveLatency() {
	}

	static double[][] measure(String url, int samples) throws Exception {
		try (ConfigurableApplicationContext a = web(url, true); ConfigurableApplicationContext b = web(url, false)) {
			Map<String, Long> seenOnA = new ConcurrentHashMap<>();
			Map<String, Long> seenOnB = new ConcurrentHashMap<>();
			StompSession onA = subscribe(a, seenOnA);
			StompSession onB = subscribe(b, seenOnB);
			Thread.sleep(500);
			DurableFlow flow = a.getBean(DurableFlow.class);
			double[] local = new double[samples];
			double[] remote = new double[samples];
			for (int i = 0; i < samples + 10; i++) {
				String runId = "live-" + i;
				flow.start("bench-three-steps", i, StartOptions.builder().runId(runId).build());
				long committed = System.nanoTime();
				long deadline = committed + TimeUnit.SECONDS.toNanos(5);
				while ((!seenOnA.containsKey(runId) || !seenOnB.containsKey(runId)) && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
				if (i >= 10) {
					local[i - 10] = (seenOnA.getOrDefault(runId, deadline) - committed) / 1e6;
					remote[i - 10] = (seenOnB.getOrDefault(runId, deadline) - committed) / 1e6;
				}
				Thread.sleep(20);
			}
			onA.disconnect();
			onB.disconnect();
			Arrays.sort(local);
			Arrays.sort(remote);
			return new double[][] { local, remote };
		}
	}

	private static ConfigurableApplicationContext web(String url, boolean workers) {
		return new SpringApplicationBuilder(BenchApp.class).web(WebApplicationType.SERVLET)
			.run("--spring.datasource.url=" + url, "--server.port=0", "--durableflow.ui.allow-unauthenticated=true",
					"--durableflow.worker.enabled=" + workers, "--spring.main.banner-mode=off",
					"--logging.level.root=WARN");
	}

	private static StompSession subscribe(ConfigurableApplicationContext context, Map<String, Long> seen)
			throws Exception {
		WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
		client.setMessageConverter(new JacksonJsonMessageConverter());
		String port = context.getEnvironment().getProperty("local.server.port");
		StompSession session = client
			.connectAsync("ws://localhost:" + port + "/durableflow/ws", new StompSessionHandlerAdapter() {
			})
			.get(10, TimeUnit.SECONDS);
		session.subscribe("/topic/durableflow/runs", new StompFrameHandler() {
			@Override
			public Type getPayloadType(StompHeaders headers) {
				return Map.class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				Map<?, ?> change = (Map<?, ?>) payload;
				seen.putIfAbsent(String.valueOf(change.get("runId")), System.nanoTime());
			}
		});
		return session;
	}

}
