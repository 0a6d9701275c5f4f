package com.trustwatch.web;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Strict readers for the values of a request body, attached to each property with
 * {@code @Serdeable.Deserializable(using = ...)}. The framework's own readers are lenient (the string
 * "yes" reads as the boolean false, a number reads as text); these accept only the JSON kind the
 * property is, so {@code {"dryRun":"true"}} is refused instead of guessed. Null reads as absent.
 * Request records also carry {@code @JsonIgnoreProperties(ignoreUnknown = false)}, so an unknown
 * field ({@code "dryrun"}) is refused too; {@code ErrorHandlers} answers both 400 with the field named.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** true or false, nothing else. */
    @Singleton
    @Secondary
    public static final class Flag implements Deserializer<Boolean> {

        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw new BodyValueRefused(type.getName(), "must be true or false (a JSON boolean, without quotes); got " + kind(node));
            }
            return node.getBooleanValue();
        }

        @Override
        public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            return deserialize(decoder, context, type);
        }

        @Override
        public boolean allowNull() {
            return true;
        }
    }

    /** A JSON string. Amounts too are strings ({@code "1240.00"}), as the API writes them. */
    @Singleton
    @Secondary
    public static final class Text implements Deserializer<String> {

        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw new BodyValueRefused(type.getName(), "must be a JSON string" + hint(type.getName()) + "; got " + kind(node));
            }
            return node.getStringValue();
        }

        @Override
        public String deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            return deserialize(decoder, context, type);
        }

        @Override
        public boolean allowNull() {
            return true;
        }
    }

    /** An array of JSON strings, none of them null. */
    @Singleton
    @Secondary
    public static final class TextList implements Deserializer<List<String>> {

        @Override
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (node.isNull()) {
                return null;
            }
            if (!node.isArray()) {
                throw new BodyValueRefused(type.getName(), "must be an array of strings, such as [\"M-2024-0847\"]; got " + kind(node));
            }
            List<String> out = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (!item.isString()) {
                    throw new BodyValueRefused(type.getName() + "[" + i + "]", "must be a string; got " + kind(item));
                }
                out.add(item.getStringValue());
            }
            return Collections.unmodifiableList(out);
        }

        @Override
        public List<String> deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super List<String>> type) throws IOException {
            return deserialize(decoder, context, type);
        }

        @Override
        public boolean allowNull() {
            return true;
        }
    }

    /** A whole number written as a JSON number ({@code 30}), not a string, a fraction or a boolean. */
    @Singleton
    @Secondary
    public static final class WholeNumber implements Deserializer<Integer> {

        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            JsonNode node = decoder.decodeNode();
            if (node.isNull()) {
                return null;
            }
            if (!node.isNumber() || node.getNumberValue().doubleValue() != Math.rint(node.getNumberValue().doubleValue())
                    || Math.abs(node.getNumberValue().doubleValue()) > Integer.MAX_VALUE) {
                throw new BodyValueRefused(type.getName(), "must be a whole number (a JSON number, without quotes); got "
                        + kind(node));
            }
            return node.getNumberValue().intValue();
        }

        @Override
        public Integer deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            return deserialize(decoder, context, type);
        }

        @Override
        public boolean allowNull() {
            return true;
        }
    }

    private static final java.util.Set<String> AMOUNTS = java.util.Set.of("amount", "trustBalance", "originalRetainer",
            "floor", "refillTarget", "monthlyBilling", "disputedAmount", "flatFeeAmount");

    private static String hint(String name) {
        if (AMOUNTS.contains(name)) {
            return " (amounts are decimal strings, such as \"1240.00\")";
        }
        if (name.endsWith("On") || name.equals("asOf") || name.equals("date")) {
            return " (dates are strings, such as \"2026-11-20\")";
        }
        return "";
    }

    /** What the value was, in words; a string is repeated, cut and escaped. */
    static String kind(JsonNode node) {
        if (node.isString()) {
            return "the string " + Echo.of(node.getStringValue());
        }
        if (node.isBoolean()) {
            return "the boolean " + node.getBooleanValue();
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
