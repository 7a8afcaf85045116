package io.caravan.user;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import io.caravan.common.db.Transactions;
import io.caravan.common.outbox.Outbox;
import io.caravan.common.problem.ProblemException;
import io.caravan.common.rest.RequestReader;
import io.caravan.common.rest.Responses;
import io.caravan.common.rest.RestErrorPolicy;

import static io.caravan.user.UserEndpoints.*;

/** Users: create (with {@code UserCreated} through the outbox) and read. The REST verbs are in {@link UserRestApi}. */
@Component
public class UserRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(CREATE_USER).routeId(ROUTE_CREATE_USER).routeConfigurationId(RestErrorPolicy.ID)
                .process(e -> e.getMessage().setBody(RequestReader.body(e, CreateUserRequest.class)))
                .to(CREATE_USER_TX)
                .process(Responses.created("/users/", user -> ((User) user).id()));

        Transactions.route(this, CREATE_USER_TX, ROUTE_CREATE_USER_TX)
                .to("sql:classpath:sql/user/insert-user.sql?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.conflict("EMAIL_ALREADY_EXISTS", "A user with this email already exists"))
                .end()
                .bean(User.class, "fromRow")
                .process(UserEvents::userCreated)
                .to(Outbox.WRITE);

        from(GET_USER).routeId(ROUTE_GET_USER).routeConfigurationId(RestErrorPolicy.ID)
                .setHeader("userId", method(RequestReader.class, "id(${exchange}, 'userId')"))
                .to("sql:SELECT id, name, email, created_at FROM users WHERE id = :#userId?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.notFound("USER_NOT_FOUND", "No user with this id"))
                .end()
                .bean(User.class, "fromRow")
                .process(Responses.json(200));

        // shared by the reads under /users/{userId}/...: 404 unless the user (header userId, a long) exists
        from(REQUIRE_USER).routeId(ROUTE_REQUIRE_USER).errorHandler(noErrorHandler())
                .to("sql:SELECT id FROM users WHERE id = :#userId?outputType=SelectOne")
                .filter(body().isNull())
                    .throwException(ProblemException.notFound("USER_NOT_FOUND", "No user with this id"))
                .end();
    }
}
