package io.caravan.order.coupon;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import io.caravan.order.KnownUsers;

/** order-app's coupon routes for service tests on PostgreSQL (the real app class lives in the order-app module). */
@SpringBootApplication(scanBasePackages = {"io.caravan.common", "io.caravan.order.coupon"})
@Import(KnownUsers.class)
public class CouponTestApplication {}
