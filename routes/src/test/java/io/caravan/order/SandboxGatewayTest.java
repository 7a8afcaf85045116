package io.caravan.order;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The SANDBOX payment gateway over HTTP: approve, decline, idempotent charge and void, and the void tombstone. */
class SandboxGatewayTest extends OrderServiceTestBase {

    @Test
    void shouldCaptureOnceAndAnswerTheSamePaymentWhenChargedTwice() {
        String orderId = UUID.randomUUID().toString();

        var first = http.post("/sandbox/payments", charge(orderId, "tok_visa"));
        var again = http.post("/sandbox/payments", charge(orderId, "tok_visa"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("status").asText()).isEqualTo("CAPTURED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("paymentId").asText()).isEqualTo(first.json().path("paymentId").asText());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_payment WHERE order_id = ?", Integer.class, orderId)).isEqualTo(1);
    }

    @Test
    void shouldDeclineTokDeclinedWithPaymentDeclinedAndRecordNothing() {
        String orderId = UUID.randomUUID().toString();

        var declined = http.post("/sandbox/payments", charge(orderId, "tok_declined"));

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.code()).isEqualTo("PAYMENT_DECLINED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sandbox_payment WHERE order_id = ?", Integer.class, orderId)).isZero();
    }

    @Test
    void shouldVoidACaptureIdempotently() {
        String orderId = UUID.randomUUID().toString();
        String paymentId = http.post("/sandbox/payments", charge(orderId, "tok_visa")).json().path("paymentId").asText();

        var voided = http.post("/sandbox/payments/" + orderId + "/void", "{}");
        var again = http.post("/sandbox/payments/" + orderId + "/void", "{}");

        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().path("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.json().path("paymentId").asText()).isEqualTo(paymentId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("VOIDED");
        assertThat(http.post("/sandbox/payments", charge(orderId, "tok_visa")).code()).isEqualTo("PAYMENT_VOIDED");
    }

    @Test
    void shouldRefuseALateChargeAfterAVoidThatCameFirst() {
        String orderId = UUID.randomUUID().toString();

        assertThat(http.post("/sandbox/payments/" + orderId + "/void", "{}").status()).isEqualTo(200);
        var late = http.post("/sandbox/payments", charge(orderId, "tok_visa"));

        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("PAYMENT_VOIDED");
    }

    @Test
    void shouldRecordTheCaptureButAnswerLateForTokTimeout() {
        String orderId = UUID.randomUUID().toString();

        var slow = http.post("/sandbox/payments", charge(orderId, "tok_timeout"));

        assertThat(slow.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT status FROM sandbox_payment WHERE order_id = ?", String.class, orderId)).isEqualTo("CAPTURED");
    }

    @Test
    void shouldAnswerValidationFailedForABadCharge() {
        assertThat(http.post("/sandbox/payments", "{\"orderId\":\"x\",\"amount\":0,\"cardToken\":\"tok_visa\"}").status()).isEqualTo(400);
        assertThat(http.post("/sandbox/payments", "{\"orderId\":\"x\",\"amount\":10}").status()).isEqualTo(400);
    }

    private static String charge(String orderId, String token) {
        return "{\"orderId\":\"" + orderId + "\",\"amount\":1000,\"cardToken\":\"" + token + "\"}";
    }
}
