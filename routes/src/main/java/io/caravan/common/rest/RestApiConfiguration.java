package io.caravan.common.rest;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/**
 * REST DSL configuration shared by the three apps: platform-http on Spring Boot's server, JSON handled by
 * {@link RequestReader} and {@link Responses} (binding off, so malformed input gets a problem document), and
 * the OpenAPI document generated from the REST DSL at {@code /api-doc}.
 */
@Component
public class RestApiConfiguration extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                .apiContextPath("/api-doc")
                .apiProperty("api.title", "{{caravan.api.title:Caravan}}")
                .apiProperty("api.version", "{{caravan.api.version:1.0}}")
                .apiProperty("api.description", "{{caravan.api.description:Caravan}}");
    }
}
