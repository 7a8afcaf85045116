package io.caravan.common.rest;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code HEAD} on every REST resource that takes {@code GET} (RFC 9110: a general-purpose server supports both).
 * The REST verbs declare only {@code GET}, and the Camel servlet matches methods exactly, so a {@code HEAD} is
 * handed to the routes as the {@code GET} it stands for; Tomcat still knows the request is a {@code HEAD} and sends
 * the headers without the body. (Under {@code /actuator} Spring MVC would answer a {@code HEAD} itself; it answers the
 * {@code GET} the same way.) Ordered after Spring's observation filter, so {@code http.server.requests} still counts the request as a {@code HEAD}.
 */
@Component
public class HeadAsGetFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        }, response);
    }
}
