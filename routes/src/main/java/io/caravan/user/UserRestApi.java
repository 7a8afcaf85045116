package io.caravan.user;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static io.caravan.user.UserEndpoints.*;

/** user-app's REST DSL: each verb declares its contract (the OpenAPI source) and goes straight to its direct: route. */
@Component
public class UserRestApi extends RouteBuilder {

    @Override
    public void configure() {
        rest("/users").description("Users")
                .post()
                    .description("Create a user")
                    .type(CreateUserRequest.class).outType(User.class)
                    .responseMessage().code(201).message("Created").endResponseMessage()
                    .responseMessage().code(400).message("VALIDATION_FAILED").endResponseMessage()
                    .responseMessage().code(409).message("EMAIL_ALREADY_EXISTS").endResponseMessage()
                    .to(CREATE_USER)
                .get("/{userId}")
                    .description("Get a user")
                    .param().name("userId").type(RestParamType.path).dataType("integer").endParam()
                    .outType(User.class)
                    .responseMessage().code(404).message("USER_NOT_FOUND").endResponseMessage()
                    .to(GET_USER);
    }
}
