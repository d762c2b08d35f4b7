package io.durableflow.store;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NamedSqlTests {

	@Test
	void namesBecomePositionsWhileCastsAndQuotedTextStayAsTheyAre() {
		NamedSql sql = NamedSql.of("SELECT :id::text, ':not' || 'a:b', :at::timestamptz WHERE x = :id");

		assertThat(sql.sql()).isEqualTo("SELECT ?::text, ':not' || 'a:b', ?::timestamptz WHERE x = ?");
	}

	@Test
	void aColonInALineCommentIsNoParameter() {
		NamedSql sql = NamedSql.of("SELECT :id -- the run, e.g. x:y\nFROM t");

		assertThat(sql.sql()).isEqualTo("SELECT ? -- the run, e.g. x:y\nFROM t");
	}

	@Test
	void aNameUsedTwiceIsBoundAtEachPosition() throws Exception {
		List<String> calls = new ArrayList<>();
		NamedSql sql = NamedSql.of("SELECT :id, :n, :id");

		sql.bind(null, recording(calls)).text("id", "run-1").value("n", 7L).done();

		assertThat(calls).containsExactlyInAnyOrder("setString 1 run-1", "setLong 2 7", "setString 3 run-1");
	}

	@Test
	void aParameterLeftUnboundIsAnErrorThatNamesIt() {
		NamedSql sql = NamedSql.of("SELECT :id, :owner");

		assertThatIllegalStateException()
			.isThrownBy(() -> sql.bind(null, recording(new ArrayList<>())).text("id", "run-1").done())
			.withMessageContaining("owner");
	}

	@Test
	void bindingANameTheStatementDoesNotHaveIsAnError() {
		NamedSql sql = NamedSql.of("SELECT :id");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> sql.bind(null, recording(new ArrayList<>())).text("runId", "run-1"))
			.withMessageContaining(":runId");
	}

	private static PreparedStatement recording(List<String> calls) {
		return (PreparedStatement) Proxy.newProxyInstance(NamedSqlTests.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
					calls.add(method.getName() + " " + args[0] + " " + args[1]);
					return null;
				});
	}

}
