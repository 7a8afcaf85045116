package io.caravan.common.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.caravan.common.problem.ProblemException;
import io.caravan.common.problem.Problems;

/** {@code /internal/**} is for service-to-service calls only: it requires the shared service token. */
@Component
public class ServiceTokenFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Caravan-Service-Token";

    private final byte[] token;

    public ServiceTokenFilter(@Value("${caravan.security.service-token}") String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("caravan.security.service-token (CARAVAN_SERVICE_TOKEN) must be set");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, new ProblemException(401, "UNAUTHORIZED", "This endpoint requires the service token"));
    }
}
