package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.validation) || !has(self.validation.features) || self.validation.features.all(r, self.schema.features.exists(f, f.name == r.name))",
        message = "every validation.features[].name must name a feature declared in schema.features")
@ValidationRule(value = "!has(self.validation) || !has(self.validation.features) || self.validation.features.all(r, self.schema.features.all(f, f.name != r.name"
        + " || (f.type == 'numeric' ? !has(r.allowedValues) : (!has(r.min) && !has(r.max)))))",
        message = "a validation rule must fit its feature's type: min and max for a numeric feature, allowedValues for a categorical one")
public class DatasetSpec {
    @Required
    @JsonPropertyDescription("Where the data is read from.")
    private DataSource source;

    @Default("csv")
    @ValidationRule(value = "self == 'csv'", message = "jsonl and parquet are reserved for a later release and not implemented yet: only csv is read",
            messageExpression = "'format ' + self + ' is reserved for a later release and not implemented yet: only csv is read'")
    @JsonPropertyDescription("File format of the source: csv (with a header row); jsonl and parquet are reserved for later releases and refused until they are implemented. Default: csv.")
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
}
