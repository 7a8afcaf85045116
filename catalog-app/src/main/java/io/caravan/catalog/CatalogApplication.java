package io.caravan.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Catalog Service: Products and stock: reserve, release, confirm; popular products. Runs only the routes of {@code io.caravan.catalog}. */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.catalog"})
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}
