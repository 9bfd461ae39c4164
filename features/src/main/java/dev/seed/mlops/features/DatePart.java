package dev.seed.mlops.features;

/** The part of a UTC timestamp datePart extracts: hour 0-23, dayOfWeek 1 (Monday) to 7 (Sunday), month 1-12. */
public enum DatePart {
    hour, dayOfWeek, month
}
