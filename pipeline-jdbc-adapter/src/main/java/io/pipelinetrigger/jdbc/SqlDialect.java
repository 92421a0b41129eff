package io.pipelinetrigger.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few statements H2 and PostgreSQL spell differently. Everything else the store sends is the same portable SQL.
 */
enum SqlDialect {

    /** H2 reads the rows a delete removed through a data change delta table. */
    H2("SELECT id FROM OLD TABLE (DELETE FROM jobs WHERE finished_at_nanos < ?)", "UTF8TOSTRING(error_utf8)"),
    POSTGRESQL("DELETE FROM jobs WHERE finished_at_nanos < ? RETURNING id", "convert_from(error_utf8, 'UTF8')");

    private final String deleteFinishedBeforeReturningIds;
    private final String errorAsText;

    SqlDialect(String deleteFinishedBeforeReturningIds, String errorAsText) {
        this.deleteFinishedBeforeReturningIds = deleteFinishedBeforeReturningIds;
        this.errorAsText = errorAsText;
    }

    /** One statement that deletes the jobs finished before its one parameter and answers their ids as rows. */
    String deleteFinishedBeforeReturningIds() {
        return deleteFinishedBeforeReturningIds;
    }

    /** How {@code error_utf8} reads as text (the backfill of V5). */
    String errorAsText() {
        return errorAsText;
    }

    static SqlDialect of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product.toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
        } catch (SQLException e) {
            throw new StoreException("Cannot open a connection to the job store: " + e.getMessage(), e);
        }
    }
}
