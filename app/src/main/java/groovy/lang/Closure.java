package groovy.lang;

/**
 * Not Groovy: a stand-in that answers one class look-up. picocli's object factory asks for
 * {@code groovy.lang.Closure} by name once per run (to support Groovy scripts); a class the
 * class path lacks is looked for in every jar, so that one miss made each run open
 * tansa-rest.jar and read its 46,000-entry directory (~40 ms) even when the command never uses
 * it (README, "Start-up"). tansa bundles no Groovy; nothing extends or uses this class.
 */
public abstract class Closure<V> {
    private Closure() {
    }
}
