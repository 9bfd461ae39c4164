package dev.seed.mlops.trainer.data;

/** Numbers as CSV text: read leniently, written so they read back to the same double. */
public final class NumberText {
    private static final double LARGEST_EXACT_LONG = 1e15;
    private static final int MAX_EXACT_DIGITS = 15;
    private static final int MAX_FORMAT_DECIMALS = 9;
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15};

    private NumberText() {
    }

    /** True for the spellings of a missing number: empty, NA, NaN, null (any case). */
    public static boolean isMissing(String text) {
        return text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN") || text.equalsIgnoreCase("null");
    }

    /** The finite number the text spells, or null when it spells none. */
    public static Double parse(String text) {
        double fast = parsePlainDecimal(text);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The common CSV number, [-]digits[.digits] with at most 15 significant digits, without {@link Double#parseDouble}:
     * such a mantissa and the power of ten are both exact doubles, so one division is correctly rounded and gives
     * the same double as parseDouble. NaN for anything else, which the caller then hands to parseDouble.
     */
    static double parsePlainDecimal(String text) {
        int length = text.length();
        int i = length > 0 && text.charAt(0) == '-' ? 1 : 0;
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                fractionDigits += fractionDigits >= 0 ? 1 : 0;
            } else if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > MAX_EXACT_DIGITS) {
            return Double.NaN;
        }
        double value = fractionDigits > 0 ? mantissa / POWERS_OF_TEN[fractionDigits] : mantissa;
        return text.charAt(0) == '-' ? -value : value;
    }

    /**
     * Text that reads back to exactly this double: integral values without a fraction ("3", not "3.0"), values
     * with a short decimal form (as most CSV numbers have) in it, others as {@link Double#toString}.
     */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        for (int decimals = 0; decimals <= MAX_FORMAT_DECIMALS; decimals++) {
            double scaled = Math.rint(value * POWERS_OF_TEN[decimals]);
            // mantissa / 10^decimals is exactly what parse computes for this text, so equality means a round trip
            if (Math.abs(scaled) < LARGEST_EXACT_LONG && scaled / POWERS_OF_TEN[decimals] == value) {
                return decimal((long) scaled, decimals);
            }
        }
        return Double.toString(value);
    }

    /** The digits of scaled with a decimal point before the last {@code decimals} of them. */
    private static String decimal(long scaled, int decimals) {
        String digits = Long.toString(Math.abs(scaled));
        if (decimals == 0) {
            return scaled < 0 ? "-" + digits : digits;
        }
        StringBuilder text = new StringBuilder(digits.length() + decimals + 3);
        if (scaled < 0) {
            text.append('-');
        }
        if (digits.length() <= decimals) {
            text.append("0.").append("0".repeat(decimals - digits.length())).append(digits);
        } else {
            text.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals, digits.length());
        }
        return text.toString();
    }
}
