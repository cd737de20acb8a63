package io.tributary.examples.typematrix;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A test of the MySQL/MariaDB values the target cannot hold, run once per {@code (type, literal, reason)}; both
 * servers refuse the same ones. MySQL's TIME is an interval, the core's TIME a time of day: values outside a day
 * are refused. Zero dates are no calendar dates: refused by default (the matrix run reads them as null under
 * zeroDates(ZeroDates.NULL)). Either stops its table alone, with the reason.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0} {1}")
@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
    TIME(6)        | '-00:00:00.000001'    | outside 00:00:00
    TIME           | '838:59:59'           | outside 00:00:00
    TIME(3)        | '24:00:00'            | outside 00:00:00
    DATE           | '0000-00-00'          | zeroDates(ZeroDates.NULL)
    DATE           | '2024-00-10'          | zero date
    DATETIME(6)    | '0000-00-00 00:00:00' | zero date
    DATETIME(3)    | '2024-01-00 10:00:00' | zero date
    TIMESTAMP NULL | '0000-00-00 00:00:00' | zero date
    """)
@interface MySqlRefusals {
}
