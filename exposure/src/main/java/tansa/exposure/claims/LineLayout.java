package tansa.exposure.claims;

/** Reads the lines of a leak list in one layout, adding claims and ignored lines to the list. */
interface LineLayout {
    /** A non-blank line, without its line terminator. */
    void line(String text, int n);

    /** A blank line: neither a claim nor ignored, but it may end a block. */
    default void blank(int n) {
    }

    /** After the last line. */
    default void end() {
    }
}
