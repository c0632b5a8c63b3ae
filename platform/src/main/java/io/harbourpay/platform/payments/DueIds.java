package io.harbourpay.platform.payments;

import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The ids a sweep must look at: rows whose deadline has passed, oldest first, a bounded batch. */
final class DueIds {
  private DueIds() {}

  /** {@code sql} selects ids with one parameter, the current time in epoch microseconds. */
  static List<Long> select(Database database, String sql, long nowMicros) {
    return database.read(
        connection -> {
          List<Long> ids = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, nowMicros);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) ids.add(rows.getLong(1));
            }
          }
          return ids;
        });
  }
}
