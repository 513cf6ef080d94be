package tansa.exposure.detect;

/** Receives the hits of one text stream, in the thread that feeds the stream. */
@FunctionalInterface
public interface HitSink {
    void hit(Hit hit);
}
