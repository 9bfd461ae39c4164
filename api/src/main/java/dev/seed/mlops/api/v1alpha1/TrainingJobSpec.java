package dev.seed.mlops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ValidationRule(value = "self.algorithm != 'custom' || has(self.image)", message = "algorithm custom needs an image that follows the model-artifact contract")
@ValidationRule(value = "self.algorithm == 'custom' || (!has(self.image) && !has(self.command))", message = "image and command are only for algorithm custom")
@ValidationRule(value = "!has(self.search) || self.algorithm == 'xgboost'", message = "search runs the built-in xgboost trainer: a custom image cannot report trial metrics")
@ValidationRule(value = "!has(self.search) || !has(self.hyperparameters) || self.search.space.all(k, !(k in self.hyperparameters))",
        message = "a hyperparameter is either fixed in hyperparameters or searched in search.space, not both")
@ValidationRule(value = "!has(self.search) || self.search.algorithm != 'successiveHalving' || (has(self.hyperparameters) && 'num_round' in self.hyperparameters)",
        message = "search algorithm successiveHalving grows num_round rung by rung: set hyperparameters.num_round, the most rounds a configuration trains")
@ValidationRule(value = "!has(self.workers) || self.workers == 1 || self.algorithm == 'xgboost'",
        message = "workers above 1 run the built-in xgboost trainer's collective: a custom image trains in one pod, so leave workers at 1")
@ValidationRule(value = "!has(self.workers) || self.workers == 1 || !has(self.search)",
        message = "workers above 1 cannot be combined with search: each trial trains in one pod; search with workers 1, or train the chosen values on several workers in a TrainingJob without search")
@ValidationRule(value = "!has(self.workers) || self.workers == 1 || !has(self.crossValidation)",
        message = "workers above 1 cannot be combined with crossValidation: the folds are trained in one pod; drop crossValidation or set workers to 1")
public class TrainingJobSpec {
    /** The most workers one run may train on. */
    public static final int MAX_WORKERS = 8;
    public static final String DEFAULT_WORKER_START_TIMEOUT = "5m";
    public static final String MIN_WORKER_START_TIMEOUT = "10s";
    public static final String MAX_WORKER_START_TIMEOUT = "1h";
    /**
     * Rule of the TrainingJob resource (not of a DriftPolicy's retrain template, which may be edited): what the run trains
     * on and how cannot change after creation, since a running or finished run would no longer match its spec.
     */
    public static final String IMMUTABLE_RULE = "!has(oldSelf.spec) || !has(self.spec) || ("
            + "self.spec.datasetRef == oldSelf.spec.datasetRef && self.spec.model == oldSelf.spec.model"
            + " && self.spec.algorithm == oldSelf.spec.algorithm"
            + " && has(self.spec.hyperparameters) == has(oldSelf.spec.hyperparameters) && (!has(self.spec.hyperparameters) || self.spec.hyperparameters == oldSelf.spec.hyperparameters)"
            + " && has(self.spec.image) == has(oldSelf.spec.image) && (!has(self.spec.image) || self.spec.image == oldSelf.spec.image)"
            + " && has(self.spec.command) == has(oldSelf.spec.command) && (!has(self.spec.command) || self.spec.command == oldSelf.spec.command)"
            + " && has(self.spec.crossValidation) == has(oldSelf.spec.crossValidation) && (!has(self.spec.crossValidation) || self.spec.crossValidation == oldSelf.spec.crossValidation)"
            + " && has(self.spec.search) == has(oldSelf.spec.search) && (!has(self.spec.search) || self.spec.search == oldSelf.spec.search)"
            + " && has(self.spec.workers) == has(oldSelf.spec.workers) && (!has(self.spec.workers) || self.spec.workers == oldSelf.spec.workers))";
    public static final String IMMUTABLE_MESSAGE = "datasetRef, model, algorithm, hyperparameters, image, command, crossValidation, search and workers of a TrainingJob are immutable:"
            + " create a new TrainingJob to train differently";

    @Required
    @JsonPropertyDescription("The Dataset to train on.")
    private DatasetRef datasetRef;

    @Required
    @Size(min = 1, max = 40)
    @ValidationRule(value = ApiGroup.DNS_LABEL_RULE, message = "model" + ApiGroup.DNS_LABEL_MESSAGE,
            messageExpression = "\"model" + ApiGroup.DNS_LABEL_MESSAGE + ApiGroup.NOT_VALUE)
    @JsonPropertyDescription("Name of the model this run trains (e.g. credit-risk); the ModelVersion it registers belongs to it. A DNS label of at most 40 characters.")
    private String model;

    @Default("xgboost")
    @ValidationRule(value = "self != 'mlp'", message = "algorithm mlp is reserved for a later release and not implemented yet: use xgboost, or custom with your own trainer image")
    @JsonPropertyDescription("Training algorithm: xgboost (built in) or custom (your image, which must follow the model-artifact contract); mlp is reserved and refused until it is implemented. Default: xgboost.")
    private Algorithm algorithm = Algorithm.xgboost;

    @Size(max = 64)
    @ValidationRule(value = "self.all(k, k.matches('^[a-z][a-z0-9_]*$'))", message = "hyperparameter names must be lower_snake_case, e.g. max_depth")
    @JsonPropertyDescription("Hyperparameters passed to the trainer as strings, e.g. {num_round: \"200\", max_depth: \"6\", eta: \"0.1\"}. Quote numbers. Immutable, like datasetRef, model, algorithm, image and command: create a new TrainingJob to train differently.")
    private Map<String, String> hyperparameters = new LinkedHashMap<>();

    @Size(max = 512)
    @ValidationRule(value = "self.matches('^[^\\\\s]+$')", message = "image must name a container image such as registry.example.com/team/trainer:1.0 (not empty, no spaces)")
    @JsonPropertyDescription("Container image of a custom trainer (required for algorithm custom, refused otherwise); not empty.")
    private String image;

    @Size(max = 64)
    @JsonPropertyDescription("Command of a custom trainer (algorithm custom only). Default: the image's entrypoint.")
    private List<String> command;

    @JsonPropertyDescription("Compute resources of the training container (CPU, memory, GPUs): quantities such as 500m, 2 or 1Gi; the API server refuses a malformed cpu, memory, ephemeral-storage or nvidia.com/gpu quantity and a request above its limit.")
    private ContainerResources resources;

    @Default("2")
    @Min(0)
    @Max(10)
    @JsonPropertyDescription("How many times a failed training pod is retried before the TrainingJob fails; with workers above 1, how many times the whole group is started again (a new Job; the attempt counts once however many workers failed). A trainer that exits with code 2 (bad input: the spec, the data) is not retried, nor is a pod evicted or preempted counted. Default: 2.")
    private Integer backoffLimit = 2;

    @Min(1)
    @JsonPropertyDescription("Upper bound in seconds for the whole run; the Job is stopped and the TrainingJob fails after it.")
    private Long activeDeadlineSeconds;

    @Default("1")
    @Min(1)
    @Max(MAX_WORKERS)
    @JsonPropertyDescription("How many pods train the model together with XGBoost's own collective (its tracker runs in worker 0; an Indexed Job with a Service in front of worker 0): each streams the snapshot's train and validation splits and keeps only its shard of the rows (row i to worker i mod workers), so a worker holds about 1/workers of the data a single pod would; they grow the same trees, and worker 0 then reads the test split, evaluates and publishes the one artifact, gated as a single run. Each worker has the resources above. A worker that fails ends the attempt of the whole group (the group is retried up to backoffLimit times); the group must form within workerStartTimeout. Only for algorithm xgboost, without search and crossValidation. Immutable. From 1 to " + MAX_WORKERS + ". Default: 1 (one pod).")
    private Integer workers = 1;

    @Default(DEFAULT_WORKER_START_TIMEOUT)
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "workerStartTimeout" + ApiGroup.DURATION_HINT,
            messageExpression = "\"workerStartTimeout" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = "!(" + ApiGroup.DURATION_RULE + ") || (duration(self) >= duration('" + MIN_WORKER_START_TIMEOUT + "') && duration(self) <= duration('" + MAX_WORKER_START_TIMEOUT + "'))",
            message = "workerStartTimeout must be from " + MIN_WORKER_START_TIMEOUT + " to " + MAX_WORKER_START_TIMEOUT,
            messageExpression = "\"workerStartTimeout must be from " + MIN_WORKER_START_TIMEOUT + " to " + MAX_WORKER_START_TIMEOUT
                    + " (pods need time to be scheduled and to read their shard; a group that cannot form in an hour will not), not '\" + self + \"'\"")
    @JsonPropertyDescription("With workers above 1: how long the workers of an attempt have to start and find each other (the role of Kubeflow's schedulingPolicy.scheduleTimeoutSeconds, as a duration): worker 0's tracker waits this long for every worker to connect, and each worker this long for the tracker to listen, counting from when it has read its shard; then the attempt fails (exit 1) and is retried up to backoffLimit times, instead of hanging. Raise it when pods wait for nodes (a cluster autoscaler) or large images. From " + MIN_WORKER_START_TIMEOUT + " to " + MAX_WORKER_START_TIMEOUT + ". Default: " + DEFAULT_WORKER_START_TIMEOUT + ".")
    private String workerStartTimeout = DEFAULT_WORKER_START_TIMEOUT;

    @JsonPropertyDescription("Gates the trained model must pass to become Validated; otherwise it is Rejected with the reason.")
    private Evaluation evaluation;

    @JsonPropertyDescription("k-fold cross-validation on the train split, besides the model trained on the whole of it: the mean and spread of every metric across folds go to status.metrics and the ModelVersion as cv.<metric>.mean and cv.<metric>.std. Immutable. Default: none (no cross-validation).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private CrossValidation crossValidation;

    @JsonPropertyDescription("A hyperparameter search instead of one run: trials (Jobs with these resources, at most parallelism at once) try values from the space, are judged by the objective on the validation split, and the best trial's hyperparameters train the run's model, which the gates judge on the test split as a single run. Only for algorithm xgboost. Immutable. Default: none (one run).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Search search;

    @Default("2h")
    @Size(max = 32)
    @ValidationRule(value = ApiGroup.DURATION_RULE, message = "freshDataTimeout" + ApiGroup.DURATION_HINT, messageExpression = "\"freshDataTimeout" + ApiGroup.DURATION_MESSAGE)
    @ValidationRule(value = ApiGroup.POSITIVE_DURATION_RULE, message = "freshDataTimeout must be longer than 0: a zero timeout would fail every run that waits for fresh data")
    @JsonPropertyDescription("How long a run that must train on fresh data (annotation mlops.seed.dev/snapshot-after, set by a DriftPolicy retrain) waits for a prepare of its Dataset started after that time; it then fails with reason FreshDataTimeout. Longer than 0. Default: 2h.")
    private String freshDataTimeout = "2h";

    public DatasetRef getDatasetRef() {
        return datasetRef;
    }

    public void setDatasetRef(DatasetRef datasetRef) {
        this.datasetRef = datasetRef;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Algorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    public Map<String, String> getHyperparameters() {
        return hyperparameters;
    }

    public void setHyperparameters(Map<String, String> hyperparameters) {
        this.hyperparameters = hyperparameters;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public ContainerResources getResources() {
        return resources;
    }

    public void setResources(ContainerResources resources) {
        this.resources = resources;
    }

    public Integer getBackoffLimit() {
        return backoffLimit;
    }

    public void setBackoffLimit(Integer backoffLimit) {
        this.backoffLimit = backoffLimit;
    }

    public Long getActiveDeadlineSeconds() {
        return activeDeadlineSeconds;
    }

    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
        this.activeDeadlineSeconds = activeDeadlineSeconds;
    }

    public Integer getWorkers() {
        return workers;
    }

    public void setWorkers(Integer workers) {
        this.workers = workers;
    }

    public String getWorkerStartTimeout() {
        return workerStartTimeout;
    }

    public void setWorkerStartTimeout(String workerStartTimeout) {
        this.workerStartTimeout = workerStartTimeout;
    }

    public Evaluation getEvaluation() {
        return evaluation;
    }

    public void setEvaluation(Evaluation evaluation) {
        this.evaluation = evaluation;
    }

    public CrossValidation getCrossValidation() {
        return crossValidation;
    }

    public void setCrossValidation(CrossValidation crossValidation) {
        this.crossValidation = crossValidation;
    }

    public Search getSearch() {
        return search;
    }

    public void setSearch(Search search) {
        this.search = search;
    }

    public String getFreshDataTimeout() {
        return freshDataTimeout;
    }

    public void setFreshDataTimeout(String freshDataTimeout) {
        this.freshDataTimeout = freshDataTimeout;
    }
}
