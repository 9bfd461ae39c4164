package dev.seed.mlops.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in an S3-compatible store: streaming reads, uploads that switch to multipart above one part, existence
 * checks. Every failure becomes an {@link ObjectStoreException} that names the URI and what went wrong.
 */
public final class S3Store implements AutoCloseable {
    /** Part size of multipart uploads, and the largest object sent in one PUT. Memory per upload is one part. */
    public static final int DEFAULT_PART_SIZE = 16 << 20;
    /** S3's smallest part (all but the last). */
    static final int MIN_PART_SIZE = 5 << 20;

    private final S3Client client;
    private final int partSize;

    S3Store(S3Client client, int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " is below S3's minimum of " + MIN_PART_SIZE);
        }
        this.client = client;
        this.partSize = partSize;
    }

    public static S3Store connect(S3Settings settings) {
        return connect(settings, DEFAULT_PART_SIZE);
    }

    public static S3Store connect(S3Settings settings, int partSize) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // S3-compatible servers differ in the newer checksum headers; sha256 manifests check content anyway.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new S3Store(builder.build(), partSize);
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Opens the object for one sequential read; the bytes stream from the server, never held whole. */
    public InputStream open(S3Uri uri) {
        try {
            return client.getObject(b -> b.bucket(uri.bucket()).key(uri.key()));
        } catch (SdkException e) {
            throw failure("read", uri, e);
        }
    }

    public byte[] readAll(S3Uri uri) {
        try (InputStream in = open(uri)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ObjectStoreException("cannot read " + uri + ": the connection broke: " + e.getMessage(), e, true);
        }
    }

    public boolean exists(S3Uri uri) {
        try {
            client.headObject(b -> b.bucket(uri.bucket()).key(uri.key()));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isMissingBucket(e)) {
                return false;
            }
            throw failure("look up", uri, e);
        } catch (SdkException e) {
            throw failure("look up", uri, e);
        }
    }

    public void put(S3Uri uri, byte[] bytes) {
        try {
            client.putObject(b -> b.bucket(uri.bucket()).key(uri.key()), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write", uri, e);
        }
    }

    /** Uploads a file: one PUT up to the part size, a multipart upload above it (aborted if any part fails). */
    public void upload(S3Uri uri, Path file) throws IOException {
        long size = Files.size(file);
        if (size <= partSize) {
            try {
                client.putObject(b -> b.bucket(uri.bucket()).key(uri.key()), RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw failure("write", uri, e);
            }
            return;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(uri.bucket()).key(uri.key())).uploadId();
        } catch (SdkException e) {
            throw failure("start a multipart upload of", uri, e);
        }
        try {
            List<CompletedPart> parts = uploadParts(uri, uploadId, file);
            client.completeMultipartUpload(b -> b.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (IOException | RuntimeException e) {
            abort(uri, uploadId, e);
            if (e instanceof SdkException sdk) {
                throw failure("upload", uri, sdk);
            }
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(S3Uri uri, String uploadId, Path file) throws IOException {
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[partSize];
        try (InputStream in = Files.newInputStream(file)) {
            for (int number = 1; ; number++) {
                int length = in.readNBytes(buffer, 0, partSize);
                if (length == 0) {
                    return parts;
                }
                int partNumber = number;
                String etag = client.uploadPart(b -> b.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromByteBuffer(ByteBuffer.wrap(buffer, 0, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
        }
    }

    /** Best effort: a server that missed the abort drops the parts by its own lifecycle rules; nothing was completed. */
    private void abort(S3Uri uri, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(b -> b.bucket(uri.bucket()).key(uri.key()).uploadId(uploadId));
        } catch (SdkException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes every object under the prefix {@code uri/}; used to clean up an upload that did not finish. */
    public void deletePrefix(S3Uri uri) {
        try {
            client.listObjectsV2Paginator(b -> b.bucket(uri.bucket()).prefix(uri.key() + "/")).contents()
                    .forEach(o -> client.deleteObject(b -> b.bucket(uri.bucket()).key(o.key())));
        } catch (SdkException e) {
            throw failure("delete", uri, e);
        }
    }

    /** The keys directly or deeply under {@code uri/}, relative to it. */
    public List<String> list(S3Uri uri) {
        return objects(uri).stream().map(StoredObject::key).toList();
    }

    /** The objects directly or deeply under {@code uri/}, keys relative to it, in key order. */
    public List<StoredObject> objects(S3Uri uri) {
        try {
            String prefix = uri.key() + "/";
            List<StoredObject> objects = new ArrayList<>();
            client.listObjectsV2Paginator(b -> b.bucket(uri.bucket()).prefix(prefix)).contents()
                    .forEach(o -> objects.add(new StoredObject(o.key().substring(prefix.length()), o.size(), o.lastModified())));
            return objects;
        } catch (SdkException e) {
            throw failure("list", uri, e);
        }
    }

    /** Deletes one object; deleting an absent one is not an error. */
    public void delete(S3Uri uri) {
        try {
            client.deleteObject(b -> b.bucket(uri.bucket()).key(uri.key()));
        } catch (SdkException e) {
            throw failure("delete", uri, e);
        }
    }

    static ObjectStoreException failure(String action, S3Uri uri, SdkException e) {
        boolean retriable = e instanceof SdkClientException || e instanceof S3Exception s3 && s3.statusCode() >= 500;
        return new ObjectStoreException("cannot " + action + " " + uri + ": " + cause(uri, e), e, retriable);
    }

    private static String cause(S3Uri uri, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if (isMissingBucket(s3)) {
                return "the bucket '" + uri.bucket() + "' does not exist";
            }
            if (s3.statusCode() == 404) {
                return "no such object";
            }
            if (s3.statusCode() == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return "access denied (" + (code == null ? "HTTP 403" : code) + "): check the access key and secret in "
                        + S3Settings.ACCESS_KEY_ID + " and " + S3Settings.SECRET_ACCESS_KEY + " (the store Secret)"
                        + " and what they may do on the bucket";
            }
            return (code == null ? "HTTP " + s3.statusCode() : code) + " from the store";
        }
        if (e instanceof SdkClientException) {
            return "the store cannot be reached or did not answer: " + e.getMessage();
        }
        return e.getMessage();
    }

    private static boolean isMissingBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    @Override
    public void close() {
        client.close();
    }
}
