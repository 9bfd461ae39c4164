package dev.seed.mlops.store;

/** The directory was published before; publication never overwrites (snapshots and artifacts are immutable). */
public final class AlreadyPublishedException extends ObjectStoreException {
    public AlreadyPublishedException(S3Uri directory) {
        super(directory + " is already published");
    }
}
