package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@ValidationRule(value = "!has(self.validation) || !has(self.validation.features) || self.validation.features.all(r, self.schema.features.exists(f, f.name == r.name))",
        message = "every validation.features[].name must name a feature declared in schema.features")
@ValidationRule(value = "!has(self.validation) || !has(self.validation.features) || self.validation.features.all(r, self.schema.features.all(f, f.name != r.name"
        + " || (f.type == 'numeric' ? !has(r.allowedValues) : (!has(r.min) && !has(r.max)))))",
        message = "a validation rule must fit its feature's type: min and max for a numeric feature, allowedValues for a categorical one")
@ValidationRule(value = "!has(self.transforms) || self.transforms.all(t, self.transforms.exists_one(u, u.name == t.name))",
        message = "transform names must be unique")
@ValidationRule(value = "!has(self.transforms) || self.transforms.all(t, t.name != self.schema.label.name && !self.schema.features.exists(f, f.name == t.name))",
        message = "a transform's name must not be a column of the schema (the label or a feature): it names a new column")
@ValidationRule(value = "!has(self.transforms) || self.transforms.all(t, !(has(t.column) ? [t.column] : (has(t.columns) ? t.columns : [])).exists(c, c == self.schema.label.name))",
        message = "no transform may read the label column: a feature computed from the label leaks the answer into the model input",
        messageExpression = "'no transform may read the label column ' + self.schema.label.name + ': a feature computed from the label leaks the answer into the model input'")
@ValidationRule(value = "!has(self.transforms) || self.transforms.all(t, (has(t.column) ? [t.column] : (has(t.columns) ? t.columns : [])).all(c, self.schema.features.exists(f, f.name == c) || self.transforms.exists(u, u.name == c || (has(u.indicator) && u.indicator && u.name + '_missing' == c))))",
        message = "every column a transform reads must be a schema feature or another transform's output")
public class DatasetSpec {
    @Required
    @JsonPropertyDescription("Where the data is read from.")
    private DataSource source;

    @Default("csv")
    @JsonPropertyDescription("File format of the source: csv (with a header row), jsonl (one JSON object per line; the first object names the columns) or parquet (top-level primitive columns). A source whose name ends in .gz is gzip-compressed (any format). Other values are refused. Default: csv.")
    private DataFormat format = DataFormat.csv;

    @Required
    @JsonPropertyDescription("The columns the data must have: the label and the features, in the order a model will receive them.")
    private DataSchema schema;

    @Default("{}")
    @JsonPropertyDescription("How prepared data is split into train and test sets. Default: {} (every field at its own default).")
    private DataSplit split = new DataSplit();

    @Default("{}")
    @JsonPropertyDescription("Rules the data must pass before a snapshot is accepted. Default: {} (every field at its own default).")
    private DataValidation validation = new DataValidation();

    @Size(max = 16)
    @JsonPropertyDescription("Feature transforms, at most 16, in order: each reads schema features or earlier transforms' outputs and adds a column. The prepare Job fits them on the training split only (medians, quantiles, frequent categories) and records the fitted parameters in the snapshot; models trained on it carry them, and the inference server and batch prediction apply them to the raw columns clients send. See docs/api.md. Default: none.")
    private List<FeatureTransform> transforms;

    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "refreshInterval" + ApiGroup.DURATION_HINT, messageExpression = "\"refreshInterval" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "refreshInterval must be longer than 0: a zero interval would re-prepare the source without pause; omit it to prepare only when the spec changes")
    @JsonPropertyDescription("Re-prepare the source on this schedule (e.g. 24h) so changed data yields a new snapshot; longer than 0. Default: unset, prepare only when the spec changes.")
    private String refreshInterval;

    public DataSource getSource() {
        return source;
    }

    public void setSource(DataSource source) {
        this.source = source;
    }

    public DataFormat getFormat() {
        return format;
    }

    public void setFormat(DataFormat format) {
        this.format = format;
    }

    public DataSchema getSchema() {
        return schema;
    }

    public void setSchema(DataSchema schema) {
        this.schema = schema;
    }

    public DataSplit getSplit() {
        return split;
    }

    public void setSplit(DataSplit split) {
        this.split = split;
    }

    public DataValidation getValidation() {
        return validation;
    }

    public void setValidation(DataValidation validation) {
        this.validation = validation;
    }

    public String getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(String refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public List<FeatureTransform> getTransforms() {
        return transforms;
    }

    public void setTransforms(List<FeatureTransform> transforms) {
        this.transforms = transforms;
    }
}
