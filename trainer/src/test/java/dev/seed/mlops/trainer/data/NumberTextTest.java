package dev.seed.mlops.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberTextTest {

    @Test
    void integralValuesLoseTheirFractionAndOthersReadBackExactly() {
        assertThat(NumberText.format(3.0)).isEqualTo("3");
        assertThat(NumberText.format(-0.0)).isEqualTo("0");
        assertThat(NumberText.format(Double.NaN)).isEmpty();
        for (double value : new double[] {0.1, 1e-7, 123456.789, 1e300, Math.PI}) {
            assertThat(Double.parseDouble(NumberText.format(value))).isEqualTo(value);
        }
    }

    @Test
    void theFastPathGivesExactlyWhatParseDoubleGives() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String text = String.format(java.util.Locale.ROOT, "%." + random.nextInt(0, 9) + "f",
                    (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(0, 8)));
            assertThat(NumberText.parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
        for (String text : new String[] {"0", "-0", "007", "1.", ".5", "-.5", "123456789012345", "1234567890123456",
                "0.000000000000001", "1e5", "1.5E-3", "+3", "1_000"}) {
            Double expected;
            try {
                expected = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                expected = null;
            }
            assertThat(NumberText.parse(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void formattedNumbersReadBackExactlyAndShort() {
        assertThat(NumberText.format(0.5)).isEqualTo("0.5");
        assertThat(NumberText.format(-0.25)).isEqualTo("-0.25");
        assertThat(NumberText.format(1e-7)).isEqualTo("0.0000001");
        assertThat(NumberText.format(-12.04)).isEqualTo("-12.04");
        assertThat(NumberText.format(0.1 + 0.2)).isEqualTo(Double.toString(0.1 + 0.2));
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            double value = i % 2 == 0 ? random.nextGaussian() * Math.pow(10, random.nextInt(-12, 12))
                    : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.5f", random.nextGaussian()));
            String text = NumberText.format(value);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            assertThat(NumberText.parse(text)).as(text).isEqualTo(value);
        }
    }

    @Test
    void missingSpellingsAndNonFiniteNumbers() {
        assertThat(NumberText.isMissing("")).isTrue();
        assertThat(NumberText.isMissing("NA")).isTrue();
        assertThat(NumberText.isMissing("nan")).isTrue();
        assertThat(NumberText.isMissing("0")).isFalse();
        assertThat(NumberText.parse("Infinity")).isNull();
        assertThat(NumberText.parse("abc")).isNull();
        assertThat(NumberText.parse("-2.5e3")).isEqualTo(-2500.0);
    }
}
