/**
 * The durable saga service: Camel's Saga EIP with its state in the service database, so a saga survives a
 * crash of the instance running it (DESIGN.md, "The saga survives a crash").
 *
 * <h2>Using it from a route</h2>
 * Nothing to call: {@link io.caravan.common.saga.SagaConfiguration} registers
 * {@link io.caravan.common.saga.JdbcSagaService} as the CamelContext's saga service (unless
 * {@code caravan.saga.store} is not {@code jdbc}), and routes keep the plain Saga EIP:
 * <pre>
 * from(PLACE_ORDER).routeId("order-saga-place")
 *         .saga()                                   // REQUIRED + completionMode AUTO (the defaults): keep them
 *         .to(CREATE_ORDER, RESERVE_STOCK, DEDUCT_POINTS, ...)
 *         ...;
 * from(RESERVE_STOCK).routeId("order-stock-reserve")
 *         .saga().propagation(SagaPropagation.MANDATORY)
 *             .compensation(RELEASE_STOCK)              // called with the options as headers + Long-Running-Action
 *             .option("orderId", exchangeProperty("orderId"))
 *         .to("direct:catalog-reserve-stock");
 * </pre>
 * <ul>
 * <li><b>Waiting for the compensations.</b> With the default completion mode AUTO, the outer {@code saga()} does
 * not hand the exchange on until the future of {@code compensate()} (or {@code complete()}) has completed, and
 * that future completes only after every compensation (completion) endpoint answered. So the route that called
 * the saga - and the REST answer - continues only after the undoing: nothing else to do. The exchange keeps the
 * step's exception, which the REST error policy turns into the problem document. With completion mode MANUAL,
 * {@code to("saga:compensate")} / {@code to("saga:complete")} wait the same way.</li>
 * <li><b>When an endpoint keeps failing</b> (after {@code caravan.saga.max-attempts} calls, back-off from
 * {@code caravan.saga.retry-delay-ms}), the exchange's exception becomes
 * {@link io.caravan.common.saga.SagaUnfinishedException} (its {@code originalFailure()} is the step's exception):
 * the saga stays COMPENSATING/COMPLETING and is retried in the background until done. Map it explicitly if the
 * answer should differ from a 500.</li>
 * <li><b>Options.</b> Every value a compensation/completion needs must be an {@code option(...)}: they are
 * evaluated when the step begins (before its action), stored as strings, and sent as headers (strings, also
 * after a crash: read them with {@code header("orderId", Long.class)} or convert). The body is not sent.</li>
 * <li><b>Order.</b> Compensations and completions run newest step first, one at a time. A step is logged before
 * its action runs, so a step whose action failed is compensated too: participants accept a compensation for an
 * id they never saw (tombstone), as DESIGN.md requires. Each endpoint is called at least once and, barring a
 * lease lost during a pause longer than {@code caravan.saga.lease-ms}, once.</li>
 * <li><b>Recovery policy.</b> A RUNNING saga whose instance died or that passed {@code caravan.saga.timeout} is
 * compensated, unless the app declares a {@link io.caravan.common.saga.SagaRecoveryPolicy} bean, e.g. in order:
 * <pre>
 * &#64;Component
 * class OrderSagaRecoveryPolicy implements SagaRecoveryPolicy {
 *     public Decision decide(String sagaId, List&lt;SagaStep&gt; steps) {
 *         // e.g. the orderId option of the steps, then: was the card payment captured for it?
 *         return captured ? Decision.COMPLETE : Decision.COMPENSATE;
 *     }
 * }
 * </pre></li>
 * </ul>
 * Settings ({@code caravan.saga.*}, defaults in caravan-common.yml): store, timeout, max-attempts,
 * retry-delay-ms, max-retry-delay-ms, recovery-period-ms, lease-ms, recovery-batch-size, pool-size, retention,
 * instance-id. Gauges: {@code caravan.saga.compensating}, {@code caravan.saga.completing},
 * {@code caravan.saga.stuck} (RUNNING past their timeout), refreshed every recovery pass.
 */
package io.caravan.common.saga;
