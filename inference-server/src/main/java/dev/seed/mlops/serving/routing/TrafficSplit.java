package dev.seed.mlops.serving.routing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks exactly {@code percent} of every 100 requests, spread evenly and without randomness: request i is picked
 * iff floor((i+1)·p/100) > floor(i·p/100). Over any n requests the picked count differs from n·p/100 by less than
 * one, whatever the request rate or the number of event loops sharing the counter.
 */
public final class TrafficSplit {

    private final int percent;
    private final AtomicLong requests = new AtomicLong();

    public TrafficSplit(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent " + percent + " is not in 0..100");
        }
        this.percent = percent;
    }

    /** Whether the next request is picked. */
    public boolean next() {
        if (percent == 0) {
            return false;
        }
        if (percent == 100) {
            return true;
        }
        long i = requests.getAndIncrement();
        return (i + 1) * percent / 100 > i * percent / 100;
    }

    public int percent() {
        return percent;
    }
}
