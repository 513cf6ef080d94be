package tansa.exposure.detect;

/**
 * One detection in a text stream.
 *
 * @param value      the matched text as it appears (never printed unless the user asks)
 * @param normalized the value in the form that distinct counts compare (e-mail lower-cased,
 *                   phone digits only, ...)
 * @param offset     character offset of the match in the extracted text
 * @param line       1-based line of the match in the extracted text
 */
public record Hit(FindingType type, String label, String term, String value, String normalized,
                  long offset, long line, double confidence) {
}
