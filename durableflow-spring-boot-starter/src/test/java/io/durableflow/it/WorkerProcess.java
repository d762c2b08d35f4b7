package io.durableflow.it;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A separate JVM running the test host application, to be killed with SIGKILL by a test.
 */
public final class WorkerProcess {

	private WorkerProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		System.setProperty("durableflow.test.process", "worker");
		String url = args[0];
		String[] properties = java.util.Arrays.copyOfRange(args, 1, args.length);
		ConfigurableApplicationContext context = Contexts.start(url, properties);
		System.out.println("WORKER-READY " + ProcessHandle.current().pid());
		System.out.flush();
		Thread.currentThread().join();
		context.close();
	}

}
