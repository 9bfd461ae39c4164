package dev.seed.mlops.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Objects;
import java.util.stream.Collectors;

/** The one place for owner references: built with the owner controlling the child, checked by the owner's uid. */
public final class Owners {
    private Owners() {
    }

    public static OwnerReference controller(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** Whether {@code owner} (by uid: an object of the same name re-created is another owner) owns {@code child}. */
    public static boolean ownedBy(HasMetadata child, HasMetadata owner) {
        return child.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Objects.equals(ref.getUid(), owner.getMetadata().getUid()));
    }

    /** "Dataset credit (uid 1f0c…)" for messages, or "no owner". */
    public static String describe(HasMetadata child) {
        String owners = child.getMetadata().getOwnerReferences().stream()
                .map(ref -> ref.getKind() + " " + ref.getName() + " (uid " + ref.getUid() + ")").collect(Collectors.joining(", "));
        return owners.isEmpty() ? "no owner" : owners;
    }
}
