package dev.seed.mlops.features;

import static dev.seed.mlops.features.Fixtures.NA;
import static dev.seed.mlops.features.Fixtures.feature;
import static dev.seed.mlops.features.Fixtures.fit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static final List<TypedColumn> AMOUNT = List.of(TypedColumn.numeric("amount"));
    private static final double[][] AMOUNTS = {{1, 2, NA, 4, 10}};

    private static FeaturePipeline amount(String declaration) {
        return fit(AMOUNT, AMOUNTS, declaration).compile();
    }

    @Test
    void imputeMedianFillsMissingWithTheTrainingMedianAndKeepsPresentValues() {
        FeaturePipeline p = amount("{'name':'a','kind':'impute','column':'amount','strategy':'median','indicator':true}");
        assertThat(feature(p, "a", NA)).isEqualTo(3f);
        assertThat(feature(p, "a_missing", NA)).isEqualTo(1f);
        assertThat(feature(p, "a", 7)).isEqualTo(7f);
        assertThat(feature(p, "a_missing", 7)).isEqualTo(0f);
        assertThat(feature(p, "a", 1e300)).as("beyond the float range is missing").isNaN();
    }

    @Test
    void imputeMeanAndMostFrequentAndConstant() {
        assertThat(feature(amount("{'name':'a','kind':'impute','column':'amount','strategy':'mean'}"), "a", NA)).isEqualTo(4.25f);
        assertThat(feature(fit(AMOUNT, new double[][] {{5, 3, 3, 5, NA}},
                "{'name':'a','kind':'impute','column':'amount','strategy':'mostFrequent'}").compile(), "a", NA))
                .as("ties go to the smallest").isEqualTo(3f);
        assertThat(feature(amount("{'name':'a','kind':'impute','column':'amount','strategy':'constant','value':'-1'}"), "a", NA))
                .isEqualTo(-1f);
    }

    @Test
    void imputeOfACategoryFillsMissingButLeavesAnUnseenCategoryUnknown() {
        List<TypedColumn> inputs = List.of(TypedColumn.categorical("city", List.of("b", "a")));
        FeaturePipeline p = fit(inputs, new double[][] {{0, 1, 1, NA}},
                "{'name':'c','kind':'impute','column':'city','strategy':'mostFrequent'}").compile();
        assertThat(p.features().get(1).categories()).containsExactly("b", "a");
        assertThat(feature(p, "c", NA)).isEqualTo(1f);
        assertThat(feature(p, "c", Values.UNKNOWN)).isNaN();
        FeaturePipeline constant = fit(inputs, new double[][] {{0}},
                "{'name':'c','kind':'impute','column':'city','strategy':'constant','value':'none'}").compile();
        assertThat(constant.features().get(1).categories()).containsExactly("b", "a", "none");
        assertThat(feature(constant, "c", NA)).isEqualTo(2f);
    }

    @Test
    void clipToBoundsAndToQuantilesOfTheTrainingSplit() {
        FeaturePipeline bounds = amount("{'name':'c','kind':'clip','column':'amount','min':0,'max':5}");
        assertThat(feature(bounds, "c", -1e308)).isEqualTo(0f);
        assertThat(feature(bounds, "c", 1e308)).isEqualTo(5f);
        assertThat(feature(bounds, "c", NA)).isNaN();
        FeaturePipeline quantiles = amount("{'name':'c','kind':'clip','column':'amount','upperQuantile':0.5}");
        assertThat(feature(quantiles, "c", 100)).isEqualTo(3f);
        assertThat(feature(quantiles, "c", -100)).isEqualTo(-100f);
    }

    @Test
    void log1pIsStrictMathsAndMissingAtOrBelowMinusOne() {
        FeaturePipeline p = amount("{'name':'l','kind':'log1p','column':'amount'}");
        assertThat(feature(p, "l", 9)).isEqualTo((float) StrictMath.log1p(9));
        assertThat(feature(p, "l", -1)).isNaN();
        assertThat(feature(p, "l", -5)).isNaN();
        assertThat(feature(p, "l", NA)).isNaN();
        assertThat(feature(p, "l", Double.MAX_VALUE)).isEqualTo((float) StrictMath.log1p(Double.MAX_VALUE));
    }

    @Test
    void standardizeWithTheTrainingMeanAndDeviationAndAConstantColumnScaledByOne() {
        FeaturePipeline p = fit(AMOUNT, new double[][] {{1, 3, NA}}, "{'name':'s','kind':'standardize','column':'amount'}").compile();
        assertThat(feature(p, "s", 5)).isEqualTo(3f);
        assertThat(feature(p, "s", NA)).isNaN();
        FeaturePipeline constant = fit(AMOUNT, new double[][] {{2, 2}}, "{'name':'s','kind':'standardize','column':'amount'}").compile();
        assertThat(feature(constant, "s", 5)).isEqualTo(3f);
        assertThat(feature(p, "s", -Double.MAX_VALUE)).isNaN();
    }

    @Test
    void bucketizeCountsTheEdgesAtOrBelowTheValue() {
        FeaturePipeline p = amount("{'name':'b','kind':'bucketize','column':'amount','edges':[0,10,100]}");
        assertThat(feature(p, "b", -1e308)).isEqualTo(0f);
        assertThat(feature(p, "b", 0)).isEqualTo(1f);
        assertThat(feature(p, "b", 99.9)).isEqualTo(2f);
        assertThat(feature(p, "b", 1e308)).isEqualTo(3f);
        assertThat(feature(p, "b", NA)).isNaN();
        FittedTransforms quantiles = fit(AMOUNT, new double[][] {{1, 1, 1, 1, 2, 3}},
                "{'name':'b','kind':'bucketize','column':'amount','buckets':4}");
        assertThat(((FittedTransform.Bucketize) quantiles.transforms().get(0)).edges()).as("equal edges merged")
                .containsExactly(1.0, 1.75);
    }

    @Test
    void datePartsOfEpochSecondsAndMillisecondsInUtc() {
        double friday = 1_700_000_000; // 2023-11-14T22:13:20Z, a Tuesday
        assertThat(feature(amount("{'name':'h','kind':'datePart','column':'amount','part':'hour'}"), "h", friday)).isEqualTo(22f);
        assertThat(feature(amount("{'name':'d','kind':'datePart','column':'amount','part':'dayOfWeek'}"), "d", friday)).isEqualTo(2f);
        assertThat(feature(amount("{'name':'m','kind':'datePart','column':'amount','part':'month','unit':'milliseconds'}"),
                "m", friday * 1000)).isEqualTo(11f);
        assertThat(feature(amount("{'name':'d','kind':'datePart','column':'amount','part':'dayOfWeek'}"), "d", -1))
                .as("1969-12-31 was a Wednesday").isEqualTo(3f);
        assertThat(feature(amount("{'name':'h','kind':'datePart','column':'amount','part':'hour'}"), "h", 1e300)).isNaN();
        assertThat(feature(amount("{'name':'h','kind':'datePart','column':'amount','part':'hour'}"), "h", NA)).isNaN();
    }

    @Test
    void arithmeticOfTwoColumnsWithDivisionByZeroAndOverflowMissing() {
        List<TypedColumn> inputs = List.of(TypedColumn.numeric("a"), TypedColumn.numeric("b"));
        double[][] columns = {{1}, {2}};
        FeaturePipeline ratio = fit(inputs, columns, "{'name':'r','kind':'arithmetic','columns':['a','b'],'op':'ratio'}").compile();
        assertThat(feature(ratio, "r", 1, 4)).isEqualTo(0.25f);
        assertThat(feature(ratio, "r", 1, 0)).isNaN();
        assertThat(feature(ratio, "r", NA, 4)).isNaN();
        FeaturePipeline product = fit(inputs, columns, "{'name':'p','kind':'arithmetic','columns':['a','b'],'op':'product'}").compile();
        assertThat(feature(product, "p", 1e200, 1e200)).isNaN();
        assertThat(feature(product, "p", 3, -2)).isEqualTo(-6f);
        FeaturePipeline difference = fit(inputs, columns, "{'name':'d','kind':'arithmetic','columns':['a','b'],'op':'difference'}").compile();
        assertThat(feature(difference, "d", 3, 5)).isEqualTo(-2f);
    }

    @Test
    void foldRareKeepsFrequentCategoriesAndFoldsRareAndUnseenOnesIntoOther() {
        List<TypedColumn> inputs = List.of(TypedColumn.categorical("city", List.of("z", "a", "rare")));
        double[][] codes = {{0, 0, 0, 1, 1, 1, 2, NA}};
        FeaturePipeline p = fit(inputs, codes, "{'name':'c','kind':'foldRare','column':'city','minFrequency':0.2}").compile();
        assertThat(p.features().get(1).categories()).containsExactly("a", "z", "other");
        assertThat(feature(p, "c", 0)).isEqualTo(1f);
        assertThat(feature(p, "c", 2)).isEqualTo(2f);
        assertThat(feature(p, "c", Values.UNKNOWN)).isEqualTo(2f);
        assertThat(feature(p, "c", NA)).isNaN();
    }

    @Test
    void transformsChainAndIntermediateOutputsStayOutOfTheModel() {
        FeaturePipeline p = fit(AMOUNT, AMOUNTS,
                "{'name':'f','kind':'impute','column':'amount','strategy':'constant','value':'0','intermediate':true}",
                "{'name':'l','kind':'log1p','column':'f'}").compile();
        assertThat(p.features()).extracting(TypedColumn::name).containsExactly("amount", "l");
        assertThat(Fixtures.apply(p, NA)).containsExactly(Float.NaN, 0f);
    }
}
