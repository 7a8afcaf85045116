package io.caravan.user;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** user-app's routes for service tests on PostgreSQL (the real app class lives in the user-app module). */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.user"})
public class UserTestApplication {}
