package tansa.sigma.match;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requirements in conjunctive normal form: AND joins clauses, OR distributes, nothing invented. */
class ClausesTest {
    private static final Atom X = new Atom("A", "xxxx");
    private static final Atom Y = new Atom("B", "yyyyy");
    private static final Atom Z = new Atom("C", "zzzzzz");

    @Test
    void andKeepsEveryPartsClausesMostSelectiveFirst() {
        assertEquals(List.of(List.of(Z), List.of(Y), List.of(X)),
                Clauses.and(List.of(List.of(List.of(X)), List.of(List.of(Y)), List.of(List.of(Z)))));
    }

    @Test
    void andOfNothingKnownKeepsTheKnownPart() {
        assertEquals(List.of(List.of(X)), Clauses.and(List.of(Clauses.NONE, List.of(List.of(X)))));
    }

    @Test
    void andWithANeverPartNeverMatches() {
        assertTrue(Clauses.never(Clauses.and(List.of(List.of(List.of(X)), Clauses.NEVER))));
    }

    @Test
    void andDropsAClauseImpliedByAnother() {
        assertEquals(List.of(List.of(X)), Clauses.and(List.of(List.of(List.of(X, Y)), List.of(List.of(X)))));
    }

    @Test
    void orDistributesOverTheClausesOfItsParts() {
        // (X and Y) or Z  =  (X or Z) and (Y or Z)
        List<List<Atom>> got = Clauses.or(List.of(List.of(List.of(X), List.of(Y)), List.of(List.of(Z))));
        assertEquals(2, got.size());
        assertTrue(got.contains(List.of(X, Z)) && got.contains(List.of(Y, Z)), got.toString());
    }

    @Test
    void orWithAnUnconstrainedPartIsUnconstrained() {
        assertEquals(Clauses.NONE, Clauses.or(List.of(List.of(List.of(X)), Clauses.NONE)));
    }

    @Test
    void orIgnoresPartsThatNeverMatch() {
        assertEquals(List.of(List.of(X)), Clauses.or(List.of(List.of(List.of(X)), Clauses.NEVER)));
        assertTrue(Clauses.never(Clauses.or(List.of(Clauses.NEVER, Clauses.NEVER))));
    }

    @Test
    void theGroupTestsExtraClausesOnlyWithLongEnoughLiterals() {
        Atom shortOne = new Atom("CommandLine", " -");
        List<List<Atom>> cnf = List.of(List.of(X), List.of(shortOne));
        assertEquals(List.of(List.of(X)), Clauses.forGroup(cnf, a -> false));
        assertEquals(List.of(List.of(shortOne)), Clauses.forGroup(List.of(List.of(shortOne)), a -> false));
    }
}
