package io.durableflow.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code durableflow} actuator endpoint: runs by status, the most overdue run, this
 * instance's workers.
 */
@Endpoint(id = "durableflow")
public class DurableFlowEndpoint {

	private final EngineState state;

	public DurableFlowEndpoint(EngineState state) {
		this.state = state;
	}

	@ReadOperation
	public Map<String, Object> durableflow() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("runs", this.state.countsByStatus());
		report.put("oldestDue", this.state.oldestDue());
		report.put("workers", this.state.workers());
		return report;
	}

}
