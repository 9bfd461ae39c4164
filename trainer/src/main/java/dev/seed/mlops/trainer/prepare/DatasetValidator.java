package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.DataValidation;
import dev.seed.mlops.api.v1alpha1.FeatureColumn;
import dev.seed.mlops.api.v1alpha1.FeatureRule;
import dev.seed.mlops.api.v1alpha1.FeatureType;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.data.NumberText;
import dev.seed.mlops.trainer.data.Row;
import dev.seed.mlops.trainer.data.RowSink;
import dev.seed.mlops.trainer.data.Violation;
import dev.seed.mlops.trainer.data.Violations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The Dataset's validation rules that need the whole table, checked on streamed rows: minRows, the missing fraction per
 * feature, per-feature ranges and allowed values, and that a classification label has at least two classes (a multiclass
 * one numbered 0..K-1 without gaps). It keeps counts, the label's classes and the first violations per feature, never
 * the rows; the violations come out in the order a column-by-column check gives (per feature in schema order, rows in
 * order, the label's classes last).
 * (Type rules are checked while reading, by {@link dev.seed.mlops.trainer.data.TableReader}.)
 */
public final class DatasetValidator implements RowSink {
    private final DataSchema schema;
    private final DataValidation rules;
    private final String source;
    private final List<FeatureColumn> features;
    private final FeatureRule[] ruleByFeature;
    private final Set<String>[] allowedByFeature;
    private final long[] missing;
    private final long[] firstMissingRow;
    private final Violations[] rowViolations;
    private final SortedSet<Long> classes = new TreeSet<>();

    @SuppressWarnings("unchecked")
    public DatasetValidator(DataSchema schema, DataValidation rules, String source) {
        this.schema = schema;
        this.rules = rules == null ? new DataValidation() : rules;
        this.source = source;
        this.features = schema.getFeatures();
        Map<String, FeatureRule> rulesByName = new HashMap<>();
        this.rules.getFeatures().forEach(rule -> rulesByName.put(rule.getName(), rule));
        int count = features.size();
        ruleByFeature = new FeatureRule[count];
        allowedByFeature = new Set[count];
        missing = new long[count];
        firstMissingRow = new long[count];
        rowViolations = new Violations[count];
        for (int i = 0; i < count; i++) {
            ruleByFeature[i] = rulesByName.get(features.get(i).getName());
            if (ruleByFeature[i] != null && ruleByFeature[i].getAllowedValues() != null) {
                allowedByFeature[i] = new HashSet<>(ruleByFeature[i].getAllowedValues());
            }
            rowViolations[i] = new Violations();
        }
    }

    @Override
    public void accept(long index, Row row) {
        for (int i = 0; i < missing.length; i++) {
            boolean numeric = isNumeric(i);
            boolean absent = numeric ? Double.isNaN(row.number(i)) : row.category(i) == null;
            if (absent) {
                missing[i]++;
                firstMissingRow[i] = firstMissingRow[i] == 0 ? index + 1 : firstMissingRow[i];
            }
            FeatureRule rule = ruleByFeature[i];
            if (rule != null && numeric) {
                checkRange(i, rule, row.number(i), index);
            } else if (allowedByFeature[i] != null && !absent && !allowedByFeature[i].contains(row.category(i))) {
                rowViolations[i].report(Violation.atRow(source, index + 1, 0, features.get(i).getName(), "allowed-values",
                        "'" + row.category(i) + "' is not one of " + rule.getAllowedValues()));
            }
        }
        // a regression label's values are not classes, and collecting them would hold a value per row
        if (schema.getLabel().getType() != TaskType.regression && !Double.isNaN(row.label())) {
            classes.add((long) row.label());
        }
    }

    /** Reports what the rows seen so far break; {@code rows} is how many there were. */
    public void validate(long rows, Violations violations) {
        checkMinRows(rows, violations);
        for (int i = 0; i < missing.length; i++) {
            checkMissingFraction(i, rows, violations);
            if (ruleByFeature[i] != null) {
                checkRuleType(i, ruleByFeature[i], violations);
                violations.addAll(rowViolations[i]);
            }
        }
        checkLabelClasses(rows, violations);
    }

    private boolean isNumeric(int feature) {
        return features.get(feature).getType() != FeatureType.categorical;
    }

    private void checkMinRows(long rows, Violations violations) {
        long minRows = rules.getMinRows() == null ? 1 : rules.getMinRows();
        if (rows < Math.max(1, minRows)) {
            violations.report(Violation.ofFile(source, "min-rows",
                    "the source has " + rows + " data rows, validation.minRows is " + minRows));
        }
    }

    private void checkMissingFraction(int feature, long rows, Violations violations) {
        if (rows == 0) {
            return;
        }
        FeatureRule rule = ruleByFeature[feature];
        double allowed = rule != null && rule.getMaxMissingFraction() != null
                ? rule.getMaxMissingFraction() : valueOr(rules.getMaxMissingFraction(), 0.0);
        double fraction = (double) missing[feature] / rows;
        if (fraction > allowed) {
            violations.report(Violation.ofColumn(source, features.get(feature).getName(), "max-missing-fraction",
                    String.format("%d of %d values are missing (fraction %.4f, first at row %d), at most %s allowed",
                            missing[feature], rows, fraction, firstMissingRow[feature], allowed)));
        }
    }

    private void checkRuleType(int feature, FeatureRule rule, Violations violations) {
        String name = features.get(feature).getName();
        if (isNumeric(feature) && rule.getAllowedValues() != null) {
            violations.report(Violation.ofColumn(source, name, "rule-type",
                    "allowedValues applies to categorical features; this one is numeric (use min/max)"));
        } else if (!isNumeric(feature) && (rule.getMin() != null || rule.getMax() != null)) {
            violations.report(Violation.ofColumn(source, name, "rule-type",
                    "min/max apply to numeric features; this one is categorical (use allowedValues)"));
        }
    }

    private void checkRange(int feature, FeatureRule rule, double value, long index) {
        double min = valueOr(rule.getMin(), Double.NEGATIVE_INFINITY);
        double max = valueOr(rule.getMax(), Double.POSITIVE_INFINITY);
        if (value < min || value > max) {
            rowViolations[feature].report(Violation.atRow(source, index + 1, 0, features.get(feature).getName(), "range",
                    NumberText.format(value) + " is outside [" + rule.getMin() + ", " + rule.getMax() + "]"));
        }
    }

    private void checkLabelClasses(long rows, Violations violations) {
        if (schema.getLabel().getType() == TaskType.regression || rows == 0) {
            return;
        }
        String label = schema.getLabel().getName();
        if (classes.size() < 2) {
            violations.report(Violation.ofColumn(source, label, "label-classes",
                    "a " + schema.getLabel().getType() + " label needs at least two classes, the data has only " + classes));
        } else if (schema.getLabel().getType() == TaskType.multiclass && classes.last() != classes.size() - 1) {
            violations.report(Violation.ofColumn(source, label, "label-classes", multiclassGap(classes)));
        }
    }

    /**
     * Classes 1..3 would train as four classes with an empty class 0. Mapping them to 0..K-1 here is not enough:
     * servers answer with class indexes (probabilities by position, drift by "0", "1", ...), so the user would get
     * other numbers back than the ones they trained with. Refused, with the renumbering that would fix it.
     */
    private static String multiclassGap(SortedSet<Long> classes) {
        List<Long> absent = LongStream.rangeClosed(0, classes.last()).filter(c -> !classes.contains(c)).limit(5).boxed().toList();
        List<String> renumbering = new ArrayList<>();
        long index = 0;
        for (long value : classes) {
            if (renumbering.size() < 5 && value != index) {
                renumbering.add(value + "->" + index);
            }
            index++;
        }
        return "a multiclass label is a class index 0.." + (classes.size() - 1) + " for " + classes.size() + " classes, the data has "
                + abbreviate(classes) + ": class " + (absent.size() == 1 ? absent.get(0) + " has" : absent + " have") + " no rows; renumber the "
                + "classes from 0 without gaps (e.g. " + String.join(", ", renumbering) + ")";
    }

    private static String abbreviate(SortedSet<Long> classes) {
        return classes.size() <= 20 ? classes.toString()
                : classes.stream().limit(20).map(String::valueOf).collect(Collectors.joining(", ", "[", ", ...]"));
    }

    private static double valueOr(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}
