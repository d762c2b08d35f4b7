package io.durableflow.defs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.durableflow.definition.stored.DefinitionExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A stand-in for the task-graph executor: a run of a stored definition records one step
 * and completes with the revision it ran and the parameters it was given, so that a test
 * sees what reached the workflow.
 */
@Configuration(proxyBeanMethods = false)
public class EchoDefinitionExecutor {

	@Bean
	DefinitionExecutor echoingExecutor() {
		return (definition) -> (flow, input) -> flow.step("echo", Map.class, () -> {
			Map<String, Object> output = new LinkedHashMap<>();
			output.put("ref", definition.ref());
			output.put("revision", definition.revision());
			output.put("parameters", input);
			return output;
		});
	}

}
