package io.durableflow.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.durableflow.DurableFlow;
import io.durableflow.WorkflowArtifacts;
import io.durableflow.StepGraphs;
import io.durableflow.WorkflowDefinitions;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The DurableFlow console and JSON API, mounted in the host's Spring MVC at
 * {@code durableflow.ui.path}, closed unless the host opens it.
 */
@AutoConfiguration(afterName = { "io.durableflow.autoconfigure.DurableFlowAutoConfiguration",
		"io.durableflow.autoconfigure.DurableFlowLiveAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnBean(DurableFlow.class)
@ConditionalOnBooleanProperty(name = "durableflow.ui.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DurableFlowUiProperties.class)
@Import(DurableFlowStompConfiguration.class)
public final class DurableFlowUiAutoConfiguration {

	private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	@Bean
	@ConditionalOnMissingBean
	DurableFlowApiController durableFlowApiController(DurableFlow flow, ObjectProvider<WorkflowDefinitions> definitions,
			ObjectProvider<JsonMapper> jsonMapper, DurableFlowUiProperties properties) {
		// the application's mapper, as Spring MVC's own JSON conversion uses it
		return new DurableFlowApiController(flow, definitions, jsonMapper.getIfAvailable(JsonMapper::new), properties);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowDefinitionsApiController durableFlowDefinitionsApiController(DurableFlow flow,
			ObjectProvider<WorkflowDefinitions> definitions, ObjectProvider<JsonMapper> jsonMapper,
			DurableFlowUiProperties properties) {
		return new DurableFlowDefinitionsApiController(flow, definitions, jsonMapper.getIfAvailable(JsonMapper::new),
				properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(WorkflowArtifacts.class)
	DurableFlowArtifactsApiController durableFlowArtifactsApiController(WorkflowArtifacts artifacts,
			DurableFlowUiProperties properties) {
		return new DurableFlowArtifactsApiController(artifacts, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowRunPathsApiController durableFlowRunPathsApiController(DurableFlow flow, DurableFlowApiController api,
			DurableFlowDefinitionsApiController definitions, DurableFlowStepGraphApiController graphs,
			ObjectProvider<DurableFlowArtifactsApiController> artifacts) {
		return new DurableFlowRunPathsApiController(flow, api, definitions, graphs, artifacts);
	}

	@Bean
	@ConditionalOnMissingBean
	ConsoleQueries durableFlowConsoleQueries(DataSource dataSource) {
		return new ConsoleQueries(new JdbcTemplate(dataSource));
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowConsoleController durableFlowConsoleController(DurableFlow flow,
			ObjectProvider<WorkflowDefinitions> definitions, ConsoleQueries queries, DurableFlowUiProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<WorkflowArtifacts> artifacts,
			ObjectProvider<StepGraphs> graphs) {
		JsonMapper mapper = jsonMapper.getIfAvailable(JsonMapper::new);
		return new DurableFlowConsoleController(flow, definitions, queries, properties, new ConsoleJson(mapper), mapper,
				artifacts, graphs);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowStepGraphApiController durableFlowStepGraphApiController(ObjectProvider<StepGraphs> graphs) {
		return new DurableFlowStepGraphApiController(graphs);
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowDefinitionsConsoleController durableFlowDefinitionsConsoleController(DurableFlow flow,
			ObjectProvider<WorkflowDefinitions> definitions, ConsoleQueries queries, DurableFlowUiProperties properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new DurableFlowDefinitionsConsoleController(flow, definitions, queries, properties,
				new ConsoleJson(jsonMapper.getIfAvailable(JsonMapper::new)));
	}

	/**
	 * A request matcher for the host's Spring Security chain, when Spring Security is
	 * there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = SECURITY_FILTER_CHAIN)
	static class SecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "durableFlowConsoleRequestMatcher")
		ConsoleRequestMatcher durableFlowConsoleRequestMatcher(DurableFlowUiProperties properties) {
			return new ConsoleRequestMatcher(properties.getPath());
		}

	}

	/**
	 * The console's templates, from the library's own folder: the host's templates/ is
	 * untouched.
	 */
	@Bean
	SpringResourceTemplateResolver durableFlowTemplateResolver(ApplicationContext context) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setApplicationContext(context);
		resolver.setPrefix("classpath:/io/durableflow/ui/templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setResolvablePatterns(Set.of("durableflow/*"));
		resolver.setCheckExistence(true);
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return resolver;
	}

	/** The console's assets, from the library's own folder, under the configured path. */
	@Bean
	WebMvcConfigurer durableFlowConsoleAssets(DurableFlowUiProperties properties) {
		return new WebMvcConfigurer() {
			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(properties.getPath() + "/assets/**")
					.addResourceLocations("classpath:/io/durableflow/ui/static/");
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	DurableFlowApiExceptionHandler durableFlowApiExceptionHandler() {
		return new DurableFlowApiExceptionHandler();
	}

	@Bean
	@ConditionalOnMissingBean(name = "durableFlowConsoleAccessFilter")
	FilterRegistrationBean<ConsoleAccessFilter> durableFlowConsoleAccessFilter(DurableFlowUiProperties properties,
			ListableBeanFactory beanFactory) {
		List<ConsoleAccessFilter.HostSecurity> hostSecurity = new ArrayList<>(
				beanFactory.getBeansOfType(ConsoleAccessFilter.HostSecurity.class).values());
		if (ClassUtils.isPresent(SECURITY_FILTER_CHAIN, beanFactory.getClass().getClassLoader())) {
			hostSecurity.add(new SpringSecurityHostSecurity(beanFactory));
		}
		FilterRegistrationBean<ConsoleAccessFilter> registration = new FilterRegistrationBean<>(
				new ConsoleAccessFilter(properties, hostSecurity));
		registration.addUrlPatterns(properties.getPath(), properties.getPath() + "/*");
		// after Spring Security's chain (order -100), so a host-authenticated principal
		// is visible
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

}
