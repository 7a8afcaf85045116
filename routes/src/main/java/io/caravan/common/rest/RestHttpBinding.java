package io.caravan.common.rest;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Message;
import org.apache.camel.component.servlet.ServletEndpoint;
import org.apache.camel.component.servlet.ServletRestHttpBinding;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * How the Camel servlet turns a REST request into an exchange: Camel's own REST binding (path parameters from the
 * verb's URI template; headers through {@link ResponseHeaderFilter}), which also names the request's
 * {@code http.server.requests} observation after that template ({@code uri="/users/{userId}"}), as Spring MVC does
 * for the requests it routes itself. Without it every REST request would be counted under {@code uri="UNKNOWN"}.
 * Set for every REST verb by {@link RestApiConfiguration}.
 */
@Component(RestHttpBinding.NAME)
public class RestHttpBinding extends ServletRestHttpBinding {

    public static final String NAME = "restHttpBinding";

    public RestHttpBinding(ResponseHeaderFilter headers) {
        setHeaderFilterStrategy(headers);
    }

    @Override
    public void readRequest(HttpServletRequest request, Message message) {
        super.readRequest(request, message);
        if (message.getExchange().getFromEndpoint() instanceof ServletEndpoint endpoint) {
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observation -> observation.setPathPattern(uriTemplate(endpoint.getPath())));
        }
    }

    static String uriTemplate(String endpointPath) {
        return endpointPath.startsWith("/") ? endpointPath : "/" + endpointPath;
    }
}
