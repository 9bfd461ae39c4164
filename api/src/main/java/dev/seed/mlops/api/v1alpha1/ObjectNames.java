package dev.seed.mlops.api.v1alpha1;

/**
 * The rules every object name of the group follows, so that the names the operator derives from it (Jobs, Services,
 * Deployments, retrain TrainingJobs, label values) are valid. Referenced by annotations, so constants only; each kind
 * states its own length budget beside its class.
 */
final class ObjectNames {
    /**
     * Checked at creation only (a name never changes): objects created before the budgets keep their status updates.
     * Rules starting with it need {@code optionalOldSelf = true}.
     */
    static final String ON_CREATE = "oldSelf.hasValue() || ";
    /** A DNS-1035 label: an InferenceService's Services need it, and one shape for the four kinds with children is easier to learn. */
    static final String SHAPE_RULE = ON_CREATE + "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";
    /**
     * Static messages for names: the API server's error already starts with the name, and CEL sees metadata.name as an
     * unbounded string, so a messageExpression that echoes it (or even its length) exceeds the CRD's CEL cost budget.
     */
    static final String SHAPE_MESSAGE = "the name is not a DNS-1035 label: use lowercase letters, digits and '-', start with a"
            + " letter and end with a letter or digit (no dots), because the operator names Jobs, Services and label values after it";

    /**
     * A DNS-1123 label, for ModelVersions: TrainingJobs register {@code <model>-v<version>}, and a model name may start
     * with a digit; nothing that needs a DNS-1035 label is named after a ModelVersion.
     */
    static final String LABEL_RULE = ON_CREATE + "self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')";
    static final String LABEL_MESSAGE = "the name is not a DNS-1123 label: use lowercase letters, digits and '-', start and end"
            + " with a letter or digit (no dots)";

    private ObjectNames() {
    }
}
