package io.caravan.common.expression;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * A Simple expression that only reads properties — {@code ${body.quantity}}, {@code ${body[product_id]}},
 * {@code ${exchangeProperty.order.orderId}}, {@code ${header.userId}} — evaluated with accessors resolved once
 * per class. Camel evaluates such "OGNL" paths through its bean component: every evaluation copies the exchange,
 * introspects the class and looks the method up again, which cost about 10 % of order-app's CPU in the order
 * benchmark. The value is the same: a record's accessor, a bean's {@code getX()}/{@code isX()} or public
 * {@code x()}, a Map's entry for {@code [key]}. Anything else — a method call, an index into a list, a
 * {@code .key} on a Map, a null on the way, a class whose accessor cannot be called — is evaluated by Camel's
 * Simple language, exactly as before, so errors read the same.
 *
 * <p>{@link #template} does the same for a text with paths in it, such as an internal call's
 * {@code /users/${exchangeProperty.order.userId}}.
 */
public final class PropertyPathExpression implements Expression {

    private static final Pattern FORM = Pattern.compile(
            "^\\$\\{(body|exchangeProperty\\.(\\w+)|header\\.(\\w+))((?:\\.\\w+|\\[\\w+])*)}$");
    private static final Pattern SEGMENT = Pattern.compile("\\.(\\w+)|\\[(\\w+)]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^{}]*}");

    private final String text;
    private final Root root;
    private final String rootName;
    private final List<Segment> segments;
    private final Expression simple;

    private enum Root { BODY, PROPERTY, HEADER }

    private PropertyPathExpression(String text, Root root, String rootName, List<Segment> segments, Expression simple) {
        this.text = text;
        this.root = root;
        this.rootName = rootName;
        this.segments = segments;
        this.simple = simple;
    }

    /** The expression for a Simple text: a property path when it is one, else Camel's Simple expression. */
    public static Expression of(CamelContext camelContext, String text) {
        Expression simple = camelContext.resolveLanguage("simple").createExpression(text);
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            return simple;
        }
        Root root = form.group(2) != null ? Root.PROPERTY : form.group(3) != null ? Root.HEADER : Root.BODY;
        String rootName = root == Root.PROPERTY ? form.group(2) : form.group(3);
        List<Segment> segments = new ArrayList<>();
        Matcher segment = SEGMENT.matcher(form.group(4));
        while (segment.find()) {
            segments.add(segment.group(1) != null ? new Property(segment.group(1)) : new Key(segment.group(2)));
        }
        return new PropertyPathExpression(text, root, rootName, List.copyOf(segments), simple);
    }

    /**
     * The expression for a Simple text of literal parts and {@code ${...}} placeholders, as a String: the parts
     * joined, each placeholder read by {@link #of}. When any placeholder is not a property path, or the text has
     * anything else Simple would interpret, the whole text is Camel's Simple expression. Property placeholders
     * ({@code {{name}}}) are resolved first, as the route DSL resolves them; a path that is null adds nothing, as
     * in Simple.
     */
    public static Expression template(CamelContext camelContext, String source) {
        String text = camelContext.resolvePropertyPlaceholders(source);
        Expression simple = camelContext.resolveLanguage("simple").createExpression(text);
        List<Object> parts = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            Expression path = of(camelContext, placeholder.group());
            if (!(path instanceof PropertyPathExpression)) {
                return simple;
            }
            parts.add(text.substring(from, placeholder.start()));
            parts.add(path);
            from = placeholder.end();
        }
        String rest = text.substring(from);
        if (parts.isEmpty() || rest.contains("$") || parts.stream().anyMatch(p -> p instanceof String s && s.contains("$"))) {
            return simple;
        }
        parts.add(rest);
        return new Expression() {
            @Override
            public <T> T evaluate(Exchange exchange, Class<T> type) {
                StringBuilder joined = new StringBuilder();
                for (Object part : parts) {
                    Object value = part instanceof Expression path ? path.evaluate(exchange, String.class) : part;
                    if (value != null) {
                        joined.append(value);
                    }
                }
                return exchange.getContext().getTypeConverter().convertTo(type, exchange, joined.toString());
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    @Override
    public <T> T evaluate(Exchange exchange, Class<T> type) {
        Object value = switch (root) {
            case BODY -> exchange.getMessage().getBody();
            case PROPERTY -> exchange.getProperty(rootName);
            case HEADER -> exchange.getMessage().getHeader(rootName);
        };
        for (Segment segment : segments) {
            value = value == null ? Segment.UNREADABLE : segment.read(value);
            if (value == Segment.UNREADABLE) {
                return simple.evaluate(exchange, type); // Camel's way, with Camel's answer or error
            }
        }
        return type == Object.class || type.isInstance(value) ? type.cast(value)
                : exchange.getContext().getTypeConverter().convertTo(type, exchange, value);
    }

    @Override
    public String toString() {
        return text;
    }

    /** One step of the path. */
    private sealed interface Segment permits Property, Key {
        Object UNREADABLE = new Object();

        Object read(Object from);
    }

    /** {@code .name}: a record accessor, a getter or a public no-argument method, found once per class. */
    private static final class Property implements Segment {

        private final String name;
        private final ClassValue<Optional<Method>> accessors = new ClassValue<>() {
            @Override
            protected Optional<Method> computeValue(Class<?> type) {
                return accessor(type, name);
            }
        };

        Property(String name) {
            this.name = name;
        }

        @Override
        public Object read(Object from) {
            if (from instanceof Map<?, ?>) {
                return UNREADABLE;
            }
            Optional<Method> accessor = accessors.get(from.getClass());
            if (accessor.isEmpty()) {
                return UNREADABLE;
            }
            try {
                return accessor.get().invoke(from);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return UNREADABLE;
            }
        }

        private static Optional<Method> accessor(Class<?> type, String name) {
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            List<String> candidates = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (component.getName().equals(name)) {
                        candidates.add(name);
                    }
                }
            }
            candidates.addAll(List.of("get" + capitalized, "is" + capitalized, name));
            for (String candidate : candidates) {
                try {
                    Method method = type.getMethod(candidate);
                    Class<?> returns = method.getReturnType();
                    boolean booleanGetter = candidate.equals("is" + capitalized);
                    if (returns != void.class && !Modifier.isStatic(method.getModifiers())
                            && (!booleanGetter || returns == boolean.class || returns == Boolean.class)
                            && method.trySetAccessible()) {
                        return Optional.of(method);
                    }
                } catch (NoSuchMethodException ignored) {
                    // the next candidate
                }
            }
            return Optional.empty();
        }
    }

    /** {@code [key]} on a Map. */
    private record Key(String key) implements Segment {
        @Override
        public Object read(Object from) {
            return from instanceof Map<?, ?> map ? map.get(key) : UNREADABLE;
        }
    }
}
