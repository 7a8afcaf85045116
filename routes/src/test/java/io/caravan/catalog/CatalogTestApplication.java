package io.caravan.catalog;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** catalog-app's routes for service tests on PostgreSQL (the real app class lives in the catalog-app module). */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.catalog"})
public class CatalogTestApplication {}
