package dev.seed.mlops.serving.batch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shard's command line: {@code --artifact DIR --input FILE[,FILE...] --output DIR --shards N [--shard K]
 * [--id-column NAME] [--pass-through] [--termination-log FILE]}. The artifact, inputs and output are local paths (a
 * claim's mount) or s3:// URIs (settings from the environment, S3Settings). Without --shard, the index is the Indexed Job's
 * JOB_COMPLETION_INDEX.
 */
record ShardOptions(String artifact, List<String> inputs, String output, int shard, int shards, Optional<String> idColumn,
        boolean passThrough, Optional<Path> terminationLog) {

    static final String COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

    static ShardOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        boolean passThrough = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--pass-through")) {
                passThrough = true;
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                values.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; usage: --artifact DIR --input FILE[,FILE...]"
                        + " --output DIR --shards N [--shard K] [--id-column NAME] [--pass-through] [--termination-log FILE]");
            }
        }
        String shard = Optional.ofNullable(values.get("shard")).orElse(env.get(COMPLETION_INDEX));
        return new ShardOptions(required(values, "artifact"), BatchShard.inputs(required(values, "input")),
                required(values, "output"), number("shard", shard), number("shards", required(values, "shards")),
                Optional.ofNullable(values.get("id-column")), passThrough,
                Optional.ofNullable(values.get("termination-log")).map(Path::of));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required (or " + COMPLETION_INDEX + " for the shard)");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
        }
    }
}
