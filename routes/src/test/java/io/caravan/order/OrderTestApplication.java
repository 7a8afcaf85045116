package io.caravan.order;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** order-app's routes for service tests on PostgreSQL (the real app class lives in the order-app module). */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.order"})
public class OrderTestApplication {}
