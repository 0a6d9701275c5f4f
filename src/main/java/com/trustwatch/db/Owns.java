package com.trustwatch.db;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one class that owns database tables: the only class whose code names them in SQL.
 * Everything else reads and changes those tables through its methods. ArchitectureTest keeps it so,
 * and docs/architecture.md lists every table with its owner.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Owns {

    /** The tables, by their SQL names. */
    String[] value();
}
