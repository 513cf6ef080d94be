package tansa.sigma.correlation;

import java.time.Instant;
import java.util.List;

/**
 * One input of a correlation: a base-rule match or an inner correlation's detection, reduced to
 * what windows need. {@code event} orders hits of one event; {@code recordIds} lists the
 * underlying records (one for a base match).
 */
public record Hit(Instant time, long event, int input, String group, List<String> groupValues, String value,
                  long recordId, String source, String computer, String channel, String eventId, List<Long> recordIds) {
}
