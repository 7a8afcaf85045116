package io.caravan.user;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** User Service: users, points, notifications. Runs only the routes of {@code io.caravan.user}. */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.user"})
public class UserApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserApplication.class, args);
    }
}
