package dev.seed.mlops.trainer.sample;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic credit-card customers with the columns of {@code config/samples/01-dataset.yaml}, for the demo and the
 * cluster tests: no public credit data set ships in a package these machines can install.
 *
 * <p>Each customer has a hidden financial stress. It drives the observed payment delays, how much of the limit is
 * used and how much of the bill is paid; the default probability is a logistic function of the same stress plus
 * age and education, so a model that reads the observed columns ranks customers well (test AUC ≈ 0.8) but not
 * perfectly. {@link Population#SHIFTED} is the world after a campaign that brought in older customers with more
 * delays: its ages move by about one and a half standard deviations, which drift detection must notice.
 *
 * <p>In both populations about one customer in 200 has no recorded limit (an empty CSV field, a JSON null in a
 * request): the sample Dataset imputes it. The gaps are drawn from their own random stream, so every other value is
 * what the same seed gave before they existed.
 *
 * <p>{@link Concept#PAYMENT_HOLIDAY} is concept drift instead: the same customers (the same features, draw for draw), but
 * another rule for who defaults, which only labels reveal.
 */
public final class CreditRiskSample {
    /** The label and features, in the order of the sample Dataset's schema. */
    public static final List<String> COLUMNS = List.of("default", "limit_balance", "age", "education", "marriage",
            "pay_delay_1", "pay_delay_2", "bill_amount_1", "pay_amount_1");

    public enum Population {
        /** The customers the first model is trained on. */
        BASELINE(38, 10, 0.0),
        /** Older customers, under more stress: the drift the demo provokes. */
        SHIFTED(54, 9, 0.35);

        private final double ageMean;
        private final double ageSpread;
        private final double extraStress;

        Population(double ageMean, double ageSpread, double extraStress) {
            this.ageMean = ageMean;
            this.ageSpread = ageSpread;
            this.extraStress = extraStress;
        }
    }

    /** The rule that turns a customer into a label; the features never depend on it. */
    public enum Concept {
        /** Stress, payment delays, age and education decide, as the first model learns. */
        ORIGINAL,
        /**
         * A payment holiday lets stressed customers defer without defaulting, while job losses hit the young with low
         * limits: default now follows age and the credit limit, and stress no longer matters. A model of the original
         * rule ranks these customers little better than chance.
         */
        PAYMENT_HOLIDAY
    }

    private static final String[] EDUCATION = {"graduate", "university", "high_school", "other"};
    private static final double[] EDUCATION_SHARE = {0.35, 0.45, 0.16, 0.04};
    private static final String[] MARRIAGE = {"married", "single", "other"};
    private static final double[] MARRIAGE_SHARE = {0.45, 0.52, 0.03};
    /** Within {@code validation.maxMissingFraction} 0.01 of the sample Dataset, with room for chance. */
    static final double MISSING_LIMIT_SHARE = 0.005;

    private final SplittableRandom random;
    private final SplittableRandom gaps;
    private final Population population;
    private final Concept concept;

    public CreditRiskSample(Population population, long seed) {
        this(population, Concept.ORIGINAL, seed);
    }

    public CreditRiskSample(Population population, Concept concept, long seed) {
        this.population = population;
        this.concept = concept;
        this.random = new SplittableRandom(seed);
        this.gaps = new SplittableRandom(~seed);
    }

    /** The next customer, keyed by column name (label included), values as numbers or category names, null if missing. */
    public Map<String, Object> next() {
        return next(concept);
    }

    /** The next customer, labelled by the given rule: one generator can follow a concept that changes over time. */
    public Map<String, Object> next(Concept rule) {
        double stress = random.nextGaussian() + population.extraStress;
        int age = (int) Math.round(clamp(population.ageMean + population.ageSpread * random.nextGaussian(), 21, 80));
        int education = pick(EDUCATION_SHARE);
        String marriage = MARRIAGE[pick(MARRIAGE_SHARE)];
        double limit = roundTo(clamp(Math.exp(Math.log(150_000) + (education == 0 ? 0.25 : 0) + 0.6 * random.nextGaussian()),
                10_000, 1_000_000), 10_000);
        int delay1 = (int) clamp(Math.floor(1.4 * stress + 0.5 * random.nextGaussian() - 0.2), -1, 8);
        int delay2 = (int) clamp(delay1 + Math.round(0.9 * random.nextGaussian()), -1, 8);
        double utilisation = clamp(0.4 + 0.15 * stress + 0.12 * random.nextGaussian(), 0, 1.1);
        double bill = Math.round(limit * utilisation);
        double paid = Math.round(bill * clamp(0.3 - 0.1 * stress + 0.15 * random.nextGaussian(), 0, 1));
        double logit = switch (rule) {
            case ORIGINAL -> -2.0 + 1.4 * stress + 0.25 * Math.max(delay1, 0) - 0.015 * (age - 38) + (education == 2 ? 0.3 : 0);
            case PAYMENT_HOLIDAY -> -1.8 - 0.12 * (age - 38) - 1.2 * Math.log(limit / 150_000);
        };
        int label = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("default", label);
        row.put("limit_balance", gaps.nextDouble() < MISSING_LIMIT_SHARE ? null : limit);
        row.put("age", age);
        row.put("education", EDUCATION[education]);
        row.put("marriage", marriage);
        row.put("pay_delay_1", delay1);
        row.put("pay_delay_2", delay2);
        row.put("bill_amount_1", bill);
        row.put("pay_amount_1", paid);
        return row;
    }

    /** The next {@code count} customers without their label: what a client sends to the inference server. */
    public List<Map<String, Object>> requests(int count) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = next();
            row.remove("default");
            rows.add(row);
        }
        return rows;
    }

    /** Writes {@code rows} customers as CSV with a header row. */
    public void writeCsv(Writer out, int rows) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            for (Object value : next().values()) {
                line.append(line.isEmpty() ? "" : ",").append(format(value));
            }
            out.write(line.append('\n').toString());
        }
    }

    private int pick(double[] shares) {
        double u = random.nextDouble();
        for (int i = 0; i < shares.length - 1; i++) {
            u -= shares[i];
            if (u < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : value.toString();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double roundTo(double value, double step) {
        return Math.round(value / step) * step;
    }
}
