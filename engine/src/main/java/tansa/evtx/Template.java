package tansa.evtx;

/** A template definition of one chunk: its identity and parsed body. Immutable. */
record Template(int offset, long id, BinXmlNode[] body) {
}
