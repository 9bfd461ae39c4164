package dev.seed.mlops.features;

import static dev.seed.mlops.features.Fixtures.fit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineFitterTest {
    private static final List<TypedColumn> INPUTS = List.of(TypedColumn.numeric("income"),
            TypedColumn.categorical("city", List.of("x", "y")));
    private static final double[][] COLUMNS = {{1, 2}, {0, 1}};

    @Test
    void refusesAColumnMadeByALaterTransform() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'log1p','column':'b'}",
                "{'name':'b','kind':'log1p','column':'income'}"))
                .isInstanceOf(InvalidTransformException.class)
                .hasMessage("transform 'a': column 'b' is made by a later transform; transforms may read only raw columns"
                        + " and earlier transforms, so list it first");
    }

    @Test
    void refusesATransformReadingItsOwnOutput() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'log1p','column':'a'}"))
                .hasMessageContaining("transform 'a': reads its own output column 'a' (a cycle)");
    }

    @Test
    void refusesAnUnknownColumn() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'log1p','column':'nope'}"))
                .hasMessage("transform 'a': column 'nope' is neither a feature of the schema nor the output of an earlier transform");
    }

    @Test
    void refusesTheLabel() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'log1p','column':'label'}"))
                .hasMessageContaining("transform 'a': column 'label' is the label");
    }

    @Test
    void refusesATypeMisfit() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'log1p','column':'city'}"))
                .hasMessage("transform 'a': column 'city' is categorical but this transform takes a numeric column");
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'foldRare','column':'income'}"))
                .hasMessage("transform 'a': column 'income' is numeric but this transform takes a categorical column");
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'impute','column':'city','strategy':'median'}"))
                .hasMessageContaining("column 'city' is categorical; impute it with strategy constant or mostFrequent");
    }

    @Test
    void refusesANameThatIsAlreadyAColumn() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'income','kind':'log1p','column':'income'}"))
                .hasMessageContaining("transform 'income': reads its own output column");
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'city','kind':'log1p','column':'income'}"))
                .hasMessageContaining("its output column 'city' is already a column");
    }

    @Test
    void refusesMissingParametersAndAStatisticWithoutValues() {
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'clip','column':'income'}"))
                .hasMessage("transform 'a': clip needs a bound: min, max, lowerQuantile or upperQuantile");
        assertThatThrownBy(() -> fit(INPUTS, COLUMNS, "{'name':'a','kind':'impute','column':'income','strategy':'constant','value':'x'}"))
                .hasMessage("transform 'a': column 'income' is numeric but value \"x\" is not a finite number");
        assertThatThrownBy(() -> fit(INPUTS, new double[][] {{Double.NaN}, {0}},
                "{'name':'a','kind':'standardize','column':'income'}"))
                .hasMessage("transform 'a': column 'income' has no values in the training split to fit standardize on");
    }

    @Test
    void fittedTransformsRoundTripThroughJsonAndApplyAlike() throws Exception {
        FittedTransforms fitted = fit(INPUTS, COLUMNS,
                "{'name':'f','kind':'impute','column':'income','strategy':'mean','indicator':true}",
                "{'name':'c','kind':'clip','column':'f','lowerQuantile':0.1}",
                "{'name':'l','kind':'log1p','column':'c'}",
                "{'name':'s','kind':'standardize','column':'income'}",
                "{'name':'b','kind':'bucketize','column':'income','buckets':3}",
                "{'name':'h','kind':'datePart','column':'income','part':'hour'}",
                "{'name':'r','kind':'arithmetic','columns':['income','f'],'op':'ratio'}",
                "{'name':'o','kind':'foldRare','column':'city','minFrequency':0.6,'other':'rest'}");
        String json = Fixtures.JSON.writeValueAsString(fitted);
        FittedTransforms read = Fixtures.JSON.readValue(json, FittedTransforms.class);
        assertThat(read).isEqualTo(fitted);
        assertThat(json).contains("\"kind\":\"foldRare\"", "\"kept\":[]");
        assertThat(Fixtures.apply(read.compile(), 3600 * 5, 1)).containsExactly(Fixtures.apply(fitted.compile(), 3600 * 5, 1));
    }
}
