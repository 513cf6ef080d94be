package tansa.containment;

import java.time.Instant;
import java.util.List;

/**
 * What an intrusion reached and what to cut off: the hosts, accounts, addresses and segments in
 * scope, each with its first and last activity and the reasons it is in scope, the movements
 * between them, and the {@link Plan}. Built by {@link ScopeBuilder}; immutable.
 */
public record Scope(List<Host> hosts, List<Account> accounts, List<AddressEntry> addresses, List<SegmentEntry> segments,
                    List<Movement> movements, Plan plan) {
    public Scope {
        hosts = List.copyOf(hosts);
        accounts = List.copyOf(accounts);
        addresses = List.copyOf(addresses);
        segments = List.copyOf(segments);
        movements = List.copyOf(movements);
    }

    /**
     * One reason an entity is in scope: {@code kind} is {@code detection} (a Sigma rule),
     * {@code movement}, {@code traffic} (a C2 or exfiltration sign) or {@code indicator}.
     */
    public record Reason(String kind, String what, long count, Instant first, Instant last) {
    }

    /** A computer named by the evidence, its highest detection level and the addresses joined to it. */
    public record Host(String name, String level, Instant first, Instant last, List<String> addresses, List<Reason> reasons) {
        public Host {
            addresses = List.copyOf(addresses);
            reasons = List.copyOf(reasons);
        }
    }

    /** An account (user name; the domains it was seen with) and the hosts it was seen on. */
    public record Account(String name, List<String> domains, Instant first, Instant last, List<String> hosts, List<Reason> reasons) {
        public Account {
            domains = List.copyOf(domains);
            hosts = List.copyOf(hosts);
            reasons = List.copyOf(reasons);
        }
    }

    /** An address; {@code segment} is null outside every configured segment. */
    public record AddressEntry(String address, boolean internal, String segment, Instant first, Instant last, List<String> names,
                               List<Reason> reasons) {
        public AddressEntry {
            names = List.copyOf(names);
            reasons = List.copyOf(reasons);
        }
    }

    /** A configured segment holding addresses in scope. */
    public record SegmentEntry(String name, String criticality, List<String> cidrs, List<String> addresses, Instant first, Instant last) {
        public SegmentEntry {
            cidrs = List.copyOf(cidrs);
            addresses = List.copyOf(addresses);
        }
    }

    /** An authentication from an address to a host seen in a detection, with the rule that saw it. */
    public record Movement(String from, String to, String via, List<String> accounts, long count, Instant first, Instant last) {
        public Movement {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * One step of the containment plan: {@code action} is {@code isolate_segment},
     * {@code isolate_host}, {@code disable_account}, {@code reset_account}, {@code reset_krbtgt}
     * or {@code block}; {@code type} says what {@code target} is ({@code segment}, {@code host},
     * {@code address}, {@code account}, {@code ip}, {@code cidr}, {@code domain}); {@code addresses}
     * are what a firewall needs for it (a segment's ranges, a host's addresses).
     */
    public record Action(String action, String type, String target, List<String> addresses, List<String> why) {
        public Action {
            addresses = List.copyOf(addresses);
            why = List.copyOf(why);
        }
    }

    /** The containment plan, in the order to carry it out. */
    public record Plan(List<Action> isolate, List<Action> accounts, List<Action> block) {
        public Plan {
            isolate = List.copyOf(isolate);
            accounts = List.copyOf(accounts);
            block = List.copyOf(block);
        }
    }
}
