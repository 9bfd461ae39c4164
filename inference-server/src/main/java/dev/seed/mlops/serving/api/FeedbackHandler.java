package dev.seed.mlops.serving.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.seed.mlops.serving.ModelHost;
import dev.seed.mlops.serving.config.ServingConfig;
import dev.seed.mlops.serving.predictionlog.LogRecord;
import dev.seed.mlops.serving.predictionlog.PredictionLog;
import dev.seed.mlops.serving.predictionlog.ServedIds;
import dev.seed.mlops.serving.tensor.Features;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ground truth in (docs/prediction-log.md, Feedback): {@code {"id", "label", "time"?}} or an array of them, appended to
 * this pod's prediction log. A request is taken whole or refused whole with a 4xx naming the first bad label; the
 * answer says how many labels were for predictions this pod served ({@code served}) and how many it cannot vouch for
 * ({@code unverified}: another pod's, or older than its index).
 */
final class FeedbackHandler implements Handler<RoutingContext> {

    static final int MAX_ID_LENGTH = 1024;
    static final int MAX_LABEL_LENGTH = 1024;

    private final ModelLookup lookup;
    private final ObjectMapper mapper;
    private final PredictionLog log;
    private final ServingConfig.Http limits;

    FeedbackHandler(ModelHost host, ObjectMapper mapper, PredictionLog log, ServingConfig.Http limits) {
        this.lookup = new ModelLookup(host);
        this.mapper = mapper;
        this.log = log;
        this.limits = limits;
    }

    @Override
    public void handle(RoutingContext ctx) {
        try {
            lookup.require(ctx);
            if (!log.enabled()) {
                throw new ApiError(409, "PredictionLogOff", "prediction logging is off for this service, so labels"
                        + " have nowhere to go: set spec.predictionLog on the InferenceService");
            }
            List<LogRecord.Label> labels = read(ctx);
            List<ServedIds.Verdict> verdicts = log.labelled(labels);
            refuseRejected(labels, verdicts);
            long served = verdicts.stream().filter(v -> v == ServedIds.Verdict.SERVED).count();
            long unverified = labels.size() - served;
            log.feedback().accepted(served, unverified);
            Responses.json(ctx, unverified == 0 ? 200 : 202, Buffer.buffer("{\"accepted\":" + labels.size()
                    + ",\"served\":" + served + ",\"unverified\":" + unverified + "}"));
        } catch (ApiError e) {
            log.feedback().refused(e.reason());
            Responses.error(ctx, e);
        }
    }

    private List<LogRecord.Label> read(RoutingContext ctx) {
        Buffer sent = ctx.body().buffer();
        Buffer body = RequestBodies.decoded(sent == null ? Buffer.buffer() : sent,
                ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING), limits.maxBodyBytes());
        JsonNode json;
        try {
            json = mapper.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("MalformedJson", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("MalformedJson", "the body could not be read: " + e.getMessage());
        }
        if (json == null || !(json.isObject() || json.isArray()) || json.isEmpty()) {
            throw ApiError.badRequest("WrongShape", "send {\"id\": ..., \"label\": ..., \"time\": ...} or a non-empty"
                    + " array of those");
        }
        if (json.size() > limits.maxRows() && json.isArray()) {
            throw ApiError.tooLarge("more than " + limits.maxRows() + " labels in one request");
        }
        long received = System.currentTimeMillis();
        List<LogRecord.Label> labels = new ArrayList<>();
        if (json.isObject()) {
            labels.add(label(json, "", received));
        } else {
            for (int i = 0; i < json.size(); i++) {
                labels.add(label(json.get(i), "label " + i + ": ", received));
            }
        }
        return labels;
    }

    private static LogRecord.Label label(JsonNode item, String where, long received) {
        if (!item.isObject()) {
            throw ApiError.badRequest("WrongShape", where + "must be an object with id and label");
        }
        JsonNode id = item.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isEmpty()
                || id.asText().length() > MAX_ID_LENGTH) {
            throw ApiError.badRequest("MissingId", where + "id must be the prediction's id, a non-empty string of at"
                    + " most " + MAX_ID_LENGTH + " characters, not " + describe(id));
        }
        return new LogRecord.Label(id.asText(), labelValue(item.get("label"), where), time(item.get("time"), where,
                received), received);
    }

    private static Object labelValue(JsonNode label, String where) {
        if (label == null || label.isNull()) {
            throw ApiError.badRequest("MissingLabel", where + "label is missing: send a number or a class name");
        }
        if (label.isNumber() && Double.isFinite(label.doubleValue())) {
            return label.doubleValue();
        }
        if (label.isTextual() && !label.asText().isEmpty() && label.asText().length() <= MAX_LABEL_LENGTH) {
            return label.asText();
        }
        throw ApiError.badRequest("WrongType", where + "label must be a finite number or a non-empty string of at"
                + " most " + MAX_LABEL_LENGTH + " characters, not " + describe(label));
    }

    /** The label's event time if given (ISO-8601 with an offset, e.g. 2026-12-01T10:15:00Z), else when it arrived. */
    private static long time(JsonNode time, String where, long received) {
        if (time == null || time.isNull()) {
            return received;
        }
        try {
            if (time.isTextual()) {
                return OffsetDateTime.parse(time.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw ApiError.badRequest("BadTime", where + "time must be an ISO-8601 time with an offset such as"
                + " 2026-12-01T10:15:00Z, not " + describe(time));
    }

    private static String describe(JsonNode value) {
        if (value == null) {
            return "missing";
        }
        if (value.isObject() || value.isArray()) {
            return value.isObject() ? "an object" : "an array";
        }
        return value.isTextual() ? "'" + Features.abbreviate(value.asText()) + "'" : value.toString();
    }

    /** The first label refused decides the answer: 409 for a duplicate, 404 for a row its request did not have. */
    private static void refuseRejected(List<LogRecord.Label> labels, List<ServedIds.Verdict> verdicts) {
        for (int i = 0; i < verdicts.size(); i++) {
            String where = labels.size() == 1 ? "" : "label " + i + ": ";
            String id = Features.abbreviate(labels.get(i).id());
            switch (verdicts.get(i)) {
                case DUPLICATE -> throw new ApiError(409, "Duplicate", where + "'" + id + "' was already labelled"
                        + " (here, or earlier in this request); nothing in this request was recorded");
                case NO_SUCH_ROW -> throw ApiError.notFound("UnknownId", where + "'" + id + "' names no row of a"
                        + " prediction served here: a request of several rows is labelled row by row as"
                        + " <id>#<row> (0-based), a one-row request by its id; nothing in this request was recorded");
                default -> {
                }
            }
        }
    }
}
