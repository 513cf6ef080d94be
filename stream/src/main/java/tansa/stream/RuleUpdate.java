package tansa.stream;

/** A record of the rules topic: the rule's name (the record key) and its YAML (null: withdrawn). A Flink POJO. */
public final class RuleUpdate {
    public String name;
    public String yaml;

    public RuleUpdate() {
    }
}
