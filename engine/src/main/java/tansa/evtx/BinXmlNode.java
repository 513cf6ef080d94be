package tansa.evtx;

/**
 * The parsed form of a BinXml fragment: element trees whose content may refer to substitution
 * values by index. Template definitions are parsed once per chunk into these nodes and
 * instantiated for every record that uses them. Immutable; shared across records of a chunk.
 */
sealed interface BinXmlNode {

    /** An element; {@code attributes} and {@code children} are never null. */
    record Element(String name, Attribute[] attributes, BinXmlNode[] children) implements BinXmlNode {
    }

    /** An attribute whose value is a sequence of text and substitution nodes. */
    record Attribute(String name, BinXmlNode[] value) {
    }

    /** Literal character data: a value text, CDATA, or a resolved entity or character reference. */
    record Text(String text) implements BinXmlNode {
    }

    /**
     * A reference to the value at {@code index} of the enclosing template instance. An optional
     * substitution whose value is null or empty renders as nothing.
     */
    record Substitution(int index, int declaredType, boolean optional) implements BinXmlNode {
    }

    /** A template instance: the template's nodes rendered with these values. */
    record TemplateInstance(Template template, Values values) implements BinXmlNode {
    }

    /** A processing instruction; kept for completeness, not rendered in JSON. */
    record ProcessingInstruction(String target, String data) implements BinXmlNode {
    }
}
