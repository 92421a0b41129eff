package io.pipelinetrigger.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Flyway's history table read with one plain query, to tell a store that is already at this jar's schema without
 * loading Flyway (docs/performance.md, "Start-up"). It answers yes only when the history is exactly what Flyway
 * would validate on its own: migrations 1 to {@link #NEWEST_SHIPPED}, in order, each applied successfully, each
 * with the checksum of the script this jar ships. Anything else (no history, an older or newer store, a failed or
 * edited migration, a baseline) is left to Flyway, which migrates, warns or refuses as it always did.
 */
final class SchemaHistory {

    /** The version of the newest {@code db/migration/V<n>__*.sql} in this jar; a test keeps it in step. */
    static final int NEWEST_SHIPPED = 11;

    /** The rows Flyway writes when it creates the history table (or the schema), which are no migration. */
    private static final Set<String> MARKERS = Set.of("TABLE", "SCHEMA");
    private static final String LOCATION = "db/migration/";
    private static final String ROWS = "SELECT \"version\", \"script\", \"checksum\", \"success\", \"type\""
            + " FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"";

    private SchemaHistory() {
    }

    /** True when the store is at {@link #NEWEST_SHIPPED} and Flyway would find nothing to migrate or refuse. */
    static boolean isCurrent(Connection connection) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(ROWS)) {
            int expected = 1;
            while (rows.next()) {
                if (rows.getString(1) == null && MARKERS.contains(rows.getString(5)) && rows.getBoolean(4)) {
                    continue;
                }
                if (expected > NEWEST_SHIPPED
                        || !String.valueOf(expected).equals(rows.getString(1))
                        || !rows.getBoolean(4)
                        || !"SQL".equals(rows.getString(5))
                        || !Integer.valueOf(checksum(rows.getString(2))).equals(rows.getObject(3))) {
                    return false;
                }
                expected++;
            }
            return expected == NEWEST_SHIPPED + 1;
        } catch (SQLException | IOException | RuntimeException e) {
            return false; // no history table yet, or one this check does not know: Flyway decides
        }
    }

    /** The newest version the history records as applied, or {@code "none"}. */
    static String currentVersion(Connection connection) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL"
                        + " ORDER BY \"installed_rank\" DESC")) {
            return rows.next() ? rows.getString(1) : "none";
        } catch (SQLException e) {
            return "none";
        }
    }

    /**
     * Flyway's checksum of a script: a CRC-32 over its lines as the file has them (placeholders not replaced),
     * without their line breaks, the byte order mark dropped.
     */
    static int checksum(String script) throws IOException {
        if (script == null || script.contains("/") || !script.endsWith(".sql")) {
            throw new IOException("not a script of this jar: " + script);
        }
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(LOCATION + script);
        if (in == null) {
            throw new IOException("not a script of this jar: " + script);
        }
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean first = true;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return (int) crc.getValue();
    }
}
