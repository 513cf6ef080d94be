package tansa.exposure.detect;

/**
 * The compiled detector set: immutable and shared by every scan thread; each text stream gets its
 * own {@link TextScanner} from {@link #newScanner}.
 */
public final class Detectors {
    private final KeywordDictionary dictionary;

    public Detectors(KeywordDictionary dictionary) {
        this.dictionary = dictionary;
    }

    public static Detectors standard() {
        return new Detectors(KeywordDictionary.empty());
    }

    public KeywordDictionary dictionary() {
        return dictionary;
    }

    public TextScanner newScanner(HitSink sink) {
        return new TextScanner(this, sink);
    }
}
