package io.pipelinetrigger.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Runs work on a pooled connection and translates SQL errors into {@link StoreException} at this edge. Reads run
 * as one statement each; writes in one transaction, rolled back on any failure.
 */
final class Transactions {

    /** Database work that may throw SQL errors; {@link Transactions} translates them. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Database work with nothing to return. */
    @FunctionalInterface
    interface SqlAction {
        void run(Connection connection) throws SQLException;
    }

    /** SQLSTATE of a unique (or primary key) violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final String location;

    Transactions(DataSource dataSource, String location) {
        this.dataSource = dataSource;
        this.location = location;
    }

    <T> T read(String action, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(action, e);
        }
    }

    <T> T write(String action, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw failed(action, e);
        }
    }

    /** @return false, with nothing written, when a unique constraint refused the work */
    boolean tryWrite(String action, SqlAction work) {
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, c -> {
                work.run(c);
                return true;
            });
            return true;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw failed(action, e);
        }
    }

    /** @return false, with nothing written, when the work answered false or a unique constraint refused it */
    boolean tryWriteIf(String action, SqlWork<Boolean> work) {
        try (Connection connection = dataSource.getConnection()) {
            return inTransaction(connection, work);
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw failed(action, e);
        }
    }

    /** @return empty, with nothing written, when a unique constraint refused the work */
    <T> Optional<T> tryWriteValue(String action, SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(inTransaction(connection, work));
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw failed(action, e);
        }
    }

    private static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false); // the pool restores auto-commit when the connection comes back
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private StoreException failed(String action, SQLException e) {
        return new StoreException("The job store at " + location + " could not " + action + ": "
                + StoreException.rootMessage(e), e);
    }
}
