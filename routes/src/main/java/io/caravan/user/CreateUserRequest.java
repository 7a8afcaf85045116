package io.caravan.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /users}. */
public record CreateUserRequest(
        @NotNull @NotBlank @Size(min = 1, max = 100) String name,
        @NotNull @Size(max = 254) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
        @Pattern(regexp = "^\\S+$", message = "must not contain white space") String email) {

    /** The email as stored: trimmed, with a lower-case domain is left to the client; uniqueness ignores case. */
    public CreateUserRequest {
        name = name == null ? null : name.strip();
    }
}
