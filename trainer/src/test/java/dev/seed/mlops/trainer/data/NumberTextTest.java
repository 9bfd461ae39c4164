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
