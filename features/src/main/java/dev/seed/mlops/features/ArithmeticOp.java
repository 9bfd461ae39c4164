package dev.seed.mlops.features;

/** How arithmetic combines its two columns a and b: ratio a / b, difference a - b, product a * b. */
public enum ArithmeticOp {
    ratio, difference, product
}
