package io.caravan.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Json;

/**
 * What the loader created, as the simulations read it back: users (with the issued coupon each may hold),
 * the ordinary products, and the two hot products (ample and scarce stock).
 */
public record BenchData(List<BenchUser> users, List<Long> products, long ampleProductId, long ampleStock,
        long scarceProductId, long scarceStock) {

    public record BenchUser(long id, Long issuedCouponId) {
    }

    static final String USERS = "users.csv";
    static final String PRODUCTS = "products.csv";
    static final String HOT = "hot.json";

    public static BenchData read(Path dir) {
        try {
            List<BenchUser> users = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(USERS))) {
                String[] f = line.split(",", -1);
                if (f[0].matches("\\d+")) {
                    users.add(new BenchUser(Long.parseLong(f[0]), f.length > 1 && !f[1].isBlank() ? Long.valueOf(f[1]) : null));
                }
            }
            List<Long> products = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(PRODUCTS))) {
                String id = line.split(",", -1)[0];
                if (id.matches("\\d+")) {
                    products.add(Long.parseLong(id));
                }
            }
            JsonNode hot = Json.read(dir.resolve(HOT));
            return new BenchData(users, products, hot == null ? -1 : hot.path("ampleProductId").asLong(-1),
                    hot == null ? 0 : hot.path("ampleStock").asLong(), hot == null ? -1 : hot.path("scarceProductId").asLong(-1),
                    hot == null ? 0 : hot.path("scarceStock").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            StringBuilder u = new StringBuilder("userId,issuedCouponId\n");
            users.forEach(user -> u.append(user.id()).append(',').append(user.issuedCouponId() == null ? "" : user.issuedCouponId()).append('\n'));
            Files.writeString(dir.resolve(USERS), u);
            StringBuilder p = new StringBuilder("productId\n");
            products.forEach(id -> p.append(id).append('\n'));
            Files.writeString(dir.resolve(PRODUCTS), p);
            Json.write(dir.resolve(HOT), java.util.Map.of("ampleProductId", ampleProductId, "ampleStock", ampleStock,
                    "scarceProductId", scarceProductId, "scarceStock", scarceStock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
