import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic binary-classification CSV for the trainer benchmark: label,f0..f{n-1}; Gaussian features,
 * a label drawn from a logistic model with interactions and a non-linear term, and 1 % missing values in f3.
 * Usage: java GenerateData.java ROWS FEATURES SEED OUT.csv
 */
public class GenerateData {
    public static void main(String[] args) throws IOException {
        int rows = Integer.parseInt(args[0]);
        int features = Integer.parseInt(args[1]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
        double[] weights = new double[features];
        for (int j = 0; j < features; j++) {
            weights[j] = (j % 3 == 0 ? 1.0 : 0.3) * (j % 2 == 0 ? 1 : -1);
        }
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
            StringBuilder line = new StringBuilder("label");
            for (int j = 0; j < features; j++) {
                line.append(",f").append(j);
            }
            out.write(line.append('\n').toString());
            double[] x = new double[features];
            for (int i = 0; i < rows; i++) {
                double z = 0;
                for (int j = 0; j < features; j++) {
                    x[j] = nextGaussian(random);
                    z += weights[j] * x[j];
                }
                z += 0.8 * x[0] * x[1] + Math.sin(2 * x[2]);
                int label = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
                line.setLength(0);
                line.append(label);
                for (int j = 0; j < features; j++) {
                    line.append(',');
                    if (!(j == 3 && random.nextDouble() < 0.01)) {
                        line.append(String.format(Locale.ROOT, "%.5f", x[j]));
                    }
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    private static double nextGaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
