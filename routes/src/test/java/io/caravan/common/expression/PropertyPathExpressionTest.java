package io.caravan.common.expression;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Property paths read as Camel's Simple language reads them, and everything else left to Simple. */
class PropertyPathExpressionTest {

    private final DefaultCamelContext context = new DefaultCamelContext();

    public record Line(long productId, int quantity) {}

    public static class Draft {
        private final Line line = new Line(7, 3);

        public String getOrderId() {
            return "o-1";
        }

        public boolean isPriced() {
            return true;
        }

        public Line line() {
            return line;
        }
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private Object eval(String text, Exchange exchange) {
        Expression expression = PropertyPathExpression.of(context, text);
        return expression.evaluate(exchange, Object.class);
    }

    private Exchange exchange(Object body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(body);
        exchange.setProperty("order", new Draft());
        exchange.getMessage().setHeader("userId", 42L);
        return exchange;
    }

    @Test
    void shouldReadRecordAccessorsGettersMapKeysPropertiesAndHeaders() {
        Exchange exchange = exchange(new Line(5, 2));

        assertThat(PropertyPathExpression.of(context, "${body.quantity}")).isInstanceOf(PropertyPathExpression.class);
        assertThat(eval("${body.quantity}", exchange)).isEqualTo(2);
        assertThat(eval("${exchangeProperty.order.orderId}", exchange)).isEqualTo("o-1");
        assertThat(eval("${exchangeProperty.order.priced}", exchange)).isEqualTo(true);
        assertThat(eval("${exchangeProperty.order.line.productId}", exchange)).isEqualTo(7L);
        assertThat(eval("${header.userId}", exchange)).isEqualTo(42L);
        assertThat(eval("${body[product_id]}", exchange(Map.of("product_id", 9L)))).isEqualTo(9L);
        assertThat(PropertyPathExpression.of(context, "${body.quantity}").evaluate(exchange, String.class)).isEqualTo("2");
    }

    @Test
    void shouldGiveTheSameAnswersAsSimple() {
        Exchange exchange = exchange(new Line(5, 2));
        for (String text : new String[] {"${body.productId}", "${exchangeProperty.order.orderId}", "${exchangeProperty.order.line.quantity}",
                "${header.userId}", "${exchangeProperty.missing}"}) {
            Object simple = context.resolveLanguage("simple").createExpression(text).evaluate(exchange, Object.class);
            assertThat(eval(text, exchange)).as(text).isEqualTo(simple);
        }
    }

    @Test
    void shouldLeaveOtherFormsAndUnreadablePathsToSimple() {
        Exchange exchange = exchange(new Line(5, 2));

        assertThat(PropertyPathExpression.of(context, "${body.quantity} > 1")).isNotInstanceOf(PropertyPathExpression.class);
        assertThat(PropertyPathExpression.of(context, "${body.toString()}")).isNotInstanceOf(PropertyPathExpression.class);
        // a null on the way and an unknown property: Simple's own answer (null) and error
        assertThat(eval("${exchangeProperty.missing.orderId}", exchange)).isNull();
        assertThatThrownBy(() -> eval("${body.noSuchProperty}", exchange)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldJoinATemplateAsSimpleDoes() {
        Exchange exchange = exchange(new Line(5, 2));
        exchange.setProperty("orderId", "o-9");
        for (String text : new String[] {"/users/${exchangeProperty.order.line.productId}",
                "/internal/stock/reservations/${exchangeProperty.orderId}/release", "${header.userId}-${body.quantity}",
                "/a/${exchangeProperty.missing}/b", "/no/placeholders"}) {
            Object simple = context.resolveLanguage("simple").createExpression(text).evaluate(exchange, String.class);
            Expression template = PropertyPathExpression.template(context, text);
            assertThat(template.evaluate(exchange, String.class)).as(text).isEqualTo(simple);
        }
        assertThat(PropertyPathExpression.template(context, "/users/${exchangeProperty.order.orderId}").toString())
                .isEqualTo("/users/${exchangeProperty.order.orderId}");
        assertThat(PropertyPathExpression.template(context, "/users/${exchangeProperty.order.orderId}")
                .evaluate(exchange, String.class)).isEqualTo("/users/o-1");
    }

    @Test
    void shouldLeaveATemplateWithOtherFunctionsToSimple() {
        Exchange exchange = exchange(new Line(5, 2));

        Expression template = PropertyPathExpression.template(context, "/orders/${body.quantity}/${date:now:yyyy}");
        assertThat(template.getClass().getName()).doesNotContain("PropertyPathExpression");
        assertThat(template.evaluate(exchange, String.class)).startsWith("/orders/2/2");
    }
}
