package io.durableflow.it;

import java.util.Map;

import io.durableflow.action.Action;
import io.durableflow.action.ActionContext;
import io.durableflow.action.DurableAction;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code test.mark} ({@link GraphKillTests}): marks its item in {@code graph_marks},
 * committed at once and visible across processes, then holds for {@code millis}. A class
 * of its own: the test host does not scan the classes nested in test classes.
 */
@DurableAction(name = "test.mark")
class GraphMarkAction implements Action<Map<String, Object>, Map<String, Object>> {

	private final JdbcTemplate jdbc;

	GraphMarkAction(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Object> execute(ActionContext context, Map<String, Object> input) throws Exception {
		this.jdbc.update("INSERT INTO public.graph_marks (item, pid) VALUES (?, ?)",
				((Number) input.get("item")).intValue(), ProcessHandle.current().pid());
		Thread.sleep(((Number) input.get("millis")).longValue());
		return input;
	}

}
