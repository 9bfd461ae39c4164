package dev.seed.mlops.trainer.prepare;

import dev.seed.mlops.api.v1alpha1.DataSchema;
import dev.seed.mlops.api.v1alpha1.DataValidation;
import dev.seed.mlops.api.v1alpha1.FeatureRule;
import dev.seed.mlops.api.v1alpha1.TaskType;
import dev.seed.mlops.trainer.data.CategoricalColumn;
import dev.seed.mlops.trainer.data.Column;
import dev.seed.mlops.trainer.data.NumericColumn;
import dev.seed.mlops.trainer.data.Table;
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
 * The Dataset's validation rules that need the whole table: minRows, the missing fraction per feature,
 * per-feature ranges and allowed values, and that a classification label has at least two classes (a multiclass
 * one numbered 0..K-1 without gaps).
 * (Type rules are checked while reading, by {@link dev.seed.mlops.trainer.data.TableReader}.)
 */
public final class DatasetValidator {
    private final DataSchema schema;
    private final DataValidation rules;
    private final String source;

    public DatasetValidator(DataSchema schema, DataValidation rules, String source) {
        this.schema = schema;
        this.rules = rules == null ? new DataValidation() : rules;
        this.source = source;
    }

    public void validate(Table table, Violations violations) {
        checkMinRows(table, violations);
        Map<String, FeatureRule> rulesByFeature = new HashMap<>();
        rules.getFeatures().forEach(rule -> rulesByFeature.put(rule.getName(), rule));
        for (Column feature : table.features()) {
            FeatureRule rule = rulesByFeature.get(feature.name());
            checkMissingFraction(feature, rule, violations);
            if (rule != null) {
                checkFeatureRule(feature, rule, violations);
            }
        }
        checkLabelClasses(table.label(), violations);
    }

    private void checkMinRows(Table table, Violations violations) {
        long minRows = rules.getMinRows() == null ? 1 : rules.getMinRows();
        if (table.rows() < Math.max(1, minRows)) {
            violations.report(Violation.ofFile(source, "min-rows",
                    "the source has " + table.rows() + " data rows, validation.minRows is " + minRows));
        }
    }

    private void checkMissingFraction(Column feature, FeatureRule rule, Violations violations) {
        if (feature.size() == 0) {
            return;
        }
        double allowed = rule != null && rule.getMaxMissingFraction() != null
                ? rule.getMaxMissingFraction() : valueOr(rules.getMaxMissingFraction(), 0.0);
        long missing = 0;
        long firstMissingRow = 0;
        for (int row = 0; row < feature.size(); row++) {
            if (feature.isMissing(row)) {
                missing++;
                firstMissingRow = firstMissingRow == 0 ? row + 1 : firstMissingRow;
            }
        }
        double fraction = (double) missing / feature.size();
        if (fraction > allowed) {
            violations.report(Violation.ofColumn(source, feature.name(), "max-missing-fraction",
                    String.format("%d of %d values are missing (fraction %.4f, first at row %d), at most %s allowed",
                            missing, feature.size(), fraction, firstMissingRow, allowed)));
        }
    }

    private void checkFeatureRule(Column feature, FeatureRule rule, Violations violations) {
        if (feature instanceof NumericColumn numeric) {
            if (rule.getAllowedValues() != null) {
                violations.report(Violation.ofColumn(source, feature.name(), "rule-type",
                        "allowedValues applies to categorical features; this one is numeric (use min/max)"));
            }
            checkRange(numeric, rule, violations);
        } else {
            if (rule.getMin() != null || rule.getMax() != null) {
                violations.report(Violation.ofColumn(source, feature.name(), "rule-type",
                        "min/max apply to numeric features; this one is categorical (use allowedValues)"));
            }
            checkAllowedValues((CategoricalColumn) feature, rule, violations);
        }
    }

    private void checkRange(NumericColumn column, FeatureRule rule, Violations violations) {
        double min = valueOr(rule.getMin(), Double.NEGATIVE_INFINITY);
        double max = valueOr(rule.getMax(), Double.POSITIVE_INFINITY);
        for (int row = 0; row < column.size(); row++) {
            double value = column.get(row);
            if (value < min || value > max) {
                violations.report(Violation.atRow(source, row + 1, 0, column.name(), "range",
                        column.format(row) + " is outside [" + rule.getMin() + ", " + rule.getMax() + "]"));
            }
        }
    }

    private void checkAllowedValues(CategoricalColumn column, FeatureRule rule, Violations violations) {
        if (rule.getAllowedValues() == null) {
            return;
        }
        Set<String> allowed = new HashSet<>(rule.getAllowedValues());
        for (int row = 0; row < column.size(); row++) {
            String value = column.value(row);
            if (value != null && !allowed.contains(value)) {
                violations.report(Violation.atRow(source, row + 1, 0, column.name(), "allowed-values",
                        "'" + value + "' is not one of " + rule.getAllowedValues()));
            }
        }
    }

    private void checkLabelClasses(NumericColumn label, Violations violations) {
        if (schema.getLabel().getType() == TaskType.regression || label.size() == 0) {
            return;
        }
        SortedSet<Long> classes = new TreeSet<>();
        for (int row = 0; row < label.size(); row++) {
            if (!label.isMissing(row)) {
                classes.add((long) label.get(row));
            }
        }
        if (classes.size() < 2) {
            violations.report(Violation.ofColumn(source, label.name(), "label-classes",
                    "a " + schema.getLabel().getType() + " label needs at least two classes, the data has only " + classes));
        } else if (schema.getLabel().getType() == TaskType.multiclass && classes.last() != classes.size() - 1) {
            violations.report(Violation.ofColumn(source, label.name(), "label-classes", multiclassGap(classes)));
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
