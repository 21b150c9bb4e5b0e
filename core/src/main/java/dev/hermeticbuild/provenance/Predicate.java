package dev.hermeticbuild.provenance;

/** A statement's predicate: it knows the predicateType it is written under. */
public sealed interface Predicate permits SlsaProvenance, SbomPredicate, ReproducibilityPredicate {

    /** The predicateType URI, one of {@link StatementTypes}. */
    String predicateType();
}
