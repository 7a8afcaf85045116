package io.caravan.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Order Service: Orders as sagas, payment, first-come-first-served coupons. Runs only the routes of {@code io.caravan.order}. */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.order"})
public class OrderApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
