package io.caravan.common.rest;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * REST DSL configuration shared by the three apps: the Camel servlet on Spring Boot's Tomcat (mapped at {@code /*},
 * Spring MVC keeps {@code /actuator}; see caravan-common.yml), each request bound by {@link RestHttpBinding} and run
 * on the Tomcat thread that took it; JSON handled by {@link RequestReader} and {@link Responses} (binding off, so
 * malformed input gets a problem document); the OpenAPI document generated from the REST DSL at {@code /api-doc},
 * whose server is relative, or the one a proxy names in {@code X-Forwarded-Proto}/{@code -Host} (it was the
 * unreachable {@code http://0.0.0.0}).
 */
@Component
public class RestApiConfiguration extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("servlet")
                .endpointProperty("httpBinding", "#" + RestHttpBinding.NAME)
                .bindingMode(RestBindingMode.off)
                .useXForwardHeaders(true)
                .apiContextPath("/api-doc")
                .apiProperty("api.title", "{{caravan.api.title:Caravan}}")
                .apiProperty("api.version", "{{caravan.api.version:1.0}}")
                .apiProperty("api.description", "{{caravan.api.description:Caravan}}");
    }
}
