package io.durableflow.host;

import io.durableflow.DurableWorkflow;
import io.durableflow.Workflow;
import io.durableflow.WorkflowContext;

/** A host workflow whose step uses the host's own repository. */
@DurableWorkflow(name = "welcome")
public class WelcomeWorkflow implements Workflow<String, Long> {

	private final CustomerRepository customers;

	public WelcomeWorkflow(CustomerRepository customers) {
		this.customers = customers;
	}

	@Override
	public Long run(WorkflowContext flow, String email) {
		return flow.step("register", Long.class,
				() -> this.customers.findByEmail(email)
					.orElseGet(() -> this.customers.save(new Customer(email)))
					.getId());
	}

}
