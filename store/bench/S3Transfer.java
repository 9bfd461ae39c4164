import dev.seed.mlops.store.S3Settings;
import dev.seed.mlops.store.S3Store;
import dev.seed.mlops.store.S3Uri;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One transfer through the store module, as the trainer and the inference server make them: {@code upload} (one PUT up
 * to 16 MiB, 16 MiB parts one at a time above) or {@code download} (one GET, streamed to the file). Settings from the
 * environment (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...). Prints the seconds the transfer took, after a first small request.
 * Usage: java -cp 'trainer/target/lib/*' S3Transfer.java upload|download s3://bucket/key FILE
 */
public class S3Transfer {
    public static void main(String[] args) throws Exception {
        S3Uri uri = S3Uri.parse(args[1]);
        Path file = Path.of(args[2]);
        try (S3Store store = S3Store.connect(S3Settings.fromEnvironment())) {
            // the SDK's start and the first connection are not the transfer: one small request first, as boto3's side does
            store.exists(new S3Uri(uri.bucket(), "warm-up"));
            long start = System.nanoTime();
            if (args[0].equals("upload")) {
                store.upload(uri, file);
            } else {
                try (InputStream in = store.open(uri)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.out.printf("%.3f%n", (System.nanoTime() - start) / 1e9);
        }
    }
}
