package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Create-only Jobs: a Job is created once and never updated (its pod template is immutable and its history matters).
 * The create goes through JOSDK's resource operations so the owner's informer sees the Job at once; a name that is
 * already taken counts as created only when the existing Job belongs to the same owner (same uid), e.g. made by an
 * earlier pass whose status patch was lost. A Job left by a deleted owner of the same name is never adopted.
 */
public final class OwnedJobs {
    private static final Pattern RETRY = Pattern.compile("(.*)-r([0-9]+)");

    private OwnedJobs() {
    }

    /** @return empty when the Job is the owner's now; the Job that holds the name when another owner's (or nobody's). */
    public static <P extends HasMetadata> Optional<Job> create(Context<P> context, Job job, InformerEventSource<Job, P> jobs) {
        try {
            context.resourceOperations().create(job, jobs);
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        Job existing = context.getClient().resource(job).get();
        if (existing == null) {
            throw new IllegalStateException("Job " + job.getMetadata().getName() + " was deleted while it was being created; creating it again");
        }
        return Owners.ownedBy(existing, context.getPrimaryResource()) ? Optional.empty() : Optional.of(existing);
    }

    /**
     * Another name for a Job that vanished or whose name another owner holds: {@code <name>-r2}, then -r3, ... the first
     * not in use. Never the old name again, so no pod left by the old Job can pass for the new one's.
     */
    public static String alternativeName(String name, Set<String> inUse) {
        Matcher retry = RETRY.matcher(name);
        String root = retry.matches() ? retry.group(1) : name;
        int attempt = retry.matches() ? Integer.parseInt(retry.group(2)) + 1 : 2;
        while (inUse.contains(root + "-r" + attempt)) {
            attempt++;
        }
        return root + "-r" + attempt;
    }

}
